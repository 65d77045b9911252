"""Django's PostgreSQL backend, with a flush that deletes rows (see ``base``)."""
