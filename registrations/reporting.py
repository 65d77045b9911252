"""Counts for the donor report (activities/reporting.py): people who held a seat at the
given events and, of them, those marked present. Erased registrations count too: erasure
blanks who they were, not that they came."""

from django.db.models import Count, Q

from .models import Registration


def participant_counts(events):
    """(registered, attended) for ``events``, a queryset of event pages."""
    counts = Registration.objects.filter(
        event__in=events.values("pk"), status=Registration.Status.CONFIRMED
    ).aggregate(registered=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    return counts["registered"], counts["attended"]
