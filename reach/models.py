"""What the site keeps of its visits: one row per day, language, page and referring site.

Nothing here can point at a person: no address, no browser, no identifier, no time finer
than the day. The daily hash that tells a new visit from a reload lives only in Redis
for the day it belongs to (see ``reach.counting``)."""

from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _


class DailyPageCount(models.Model):
    date = models.DateField(_("date"), db_index=True)
    language = models.CharField(_("language"), max_length=8)
    path = models.CharField(_("address"), max_length=300)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    referrer_host = models.CharField(_("referring site"), max_length=253, blank=True)
    views = models.PositiveIntegerField(_("page views"), default=0)
    visits = models.PositiveIntegerField(
        _("visits"),
        default=0,
        help_text=_("Visits that began on this page: a visitor's first page view of the day."),
    )

    class Meta:
        verbose_name = _("daily page count")
        verbose_name_plural = _("daily page counts")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "language", "path", "referrer_host"], name="reach_count_per_day"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.path} {self.referrer_host or '-'}: {self.views}/{self.visits}"

    @classmethod
    def add_counts(cls, rows):
        """Add ``(date, language, path, page_id, referrer_host, views, visits)`` to the
        day's rows, creating the missing ones.

        One ``INSERT … ON CONFLICT DO UPDATE`` adding to what is there (PostgreSQL and
        SQLite both have it): Django's ``bulk_create(update_conflicts=True)`` can only
        overwrite, and two flushes of the same day must add up."""
        if not rows:
            return
        table = connection.ops.quote_name(cls._meta.db_table)
        sql = (
            f"INSERT INTO {table} (date, language, path, page_id, referrer_host, views, visits) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (date, language, path, referrer_host) DO UPDATE SET "
            f"views = {table}.views + EXCLUDED.views, "
            f"visits = {table}.visits + EXCLUDED.visits, "
            f"page_id = COALESCE(EXCLUDED.page_id, {table}.page_id)"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
