"""What an event's page says about registering on this site."""

from django import template

from registrations import services

register = template.Library()


@register.simple_tag
def registration_refusal(event):
    """Why the event's form takes nobody now (closed by the organisers, deadline
    passed), said on the page instead of a "Register" button that leads to a refusal;
    None when it takes registrations."""
    return services.refusal(event)
