from django.core.management.base import BaseCommand

from reach.counting import counter
from reach.tasks import flush_reach_counts


class Command(BaseCommand):
    help = (
        "Write the page views counted in Redis into the daily rows of the database. "
        "Run it every few minutes (cron or a systemd timer); --enqueue hands it to the "
        "background-task worker instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the flush for db_worker.")

    def handle(self, *args, enqueue=False, **options):
        if not counter.available():
            self.stdout.write("Counting is off: the REACH_CACHE cache is not Redis.")
            return
        if enqueue:
            result = flush_reach_counts.enqueue()
            self.stdout.write(f"Flush queued ({result.id}).")
            return
        written = counter.flush()
        self.stdout.write(f"{written} page views written.")
