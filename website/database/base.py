"""Django's PostgreSQL backend, emptying tables with ``DELETE`` rather than ``TRUNCATE``.

Settings name it (``ENGINE = "website.database"``) wherever DATABASE_URL names a
PostgreSQL database, production included: everything but ``flush`` is Django's own.

``flush`` empties every table: after each transactional test (the browser tests' live
server, the worker and Varnish tests), and in ``manage.py flush``. Django truncates the
~130 tables in one statement, which makes new files for each table and its indexes:
1.4–1.6 s each time on a CI machine, for tables that hold a few hundred rows. Deleting
those rows took 0.07 s. Django's foreign keys are deferred, so the order of the
deletions does not matter: they are checked when the flush's transaction commits.
Where ``TRUNCATE`` does what ``DELETE`` cannot (restarting the sequences, or cascading
to tables not flushed), Django's statement is used."""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
