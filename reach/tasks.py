"""The periodic flush as a django-tasks task, for deployments that enqueue their
periodic work; ``manage.py flush_reach_counts`` does the same from a timer."""

from django_tasks import task

from .counting import counter


@task()
def flush_reach_counts():
    return counter.flush()
