"""Queue the daily registration jobs: tomorrow's reminders and the erasure of old
registrations. Run it from cron (hourly is fine: each reminder goes out once)."""

from django.core.management.base import BaseCommand

from registrations.tasks import erase_expired_registrations, send_reminders


class Command(BaseCommand):
    help = "Queue tomorrow's event reminders and erase registrations past their keeping time."

    def handle(self, *args, **options):
        send_reminders.enqueue()
        erase_expired_registrations.enqueue()
        self.stdout.write("Queued the reminders and the erasure.")
