"""Who may download what: the one place the restricted parts of the kits are decided.

A document is *restricted* when its collection (or an ancestor) carries a view
restriction (editors file facilitator guides under "Trainers only"). A restricted
document goes to:

- people who may use the CMS admin (editors check what they publish), and
- trainers holding an active grant (not expired, not revoked) for a live kit whose
  modules hold that document, in any language of the kit.

Everyone else -- anonymous readers, requesters still waiting, trainers whose access
expired or was revoked -- gets the public documents only. The resources app asks
``ReaderAccess`` for every route (module download, kit zip); direct document URLs go
through the ``before_serve_document`` hook (wagtail_hooks.py), which asks the same."""

from django.apps import apps
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction

from .models import Grant, Trainer, TrainerDownload, organisation_key

ADMIN_ACCESS = "wagtailadmin.access_admin"


def restricted_collection_ids():
    """Ids of every collection under a view restriction (directly or by an ancestor)."""
    paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return set()
    query = Collection.objects.none()
    for path in paths:
        query = query | Collection.objects.filter(path__startswith=path)
    return set(query.values_list("id", flat=True))


def trainer_of(user):
    """The Trainer behind ``user``, or None (anonymous, editors, other users)."""
    if not user.is_authenticated:
        return None
    return Trainer.objects.filter(user=user).first()


def is_cms_user(user):
    return user.is_authenticated and user.has_perm(ADMIN_ACCESS)


class ReaderAccess:
    """What the reader of one request may download (a handful of queries, once)."""

    def __init__(self, request):
        user = getattr(request, "user", None)
        self.signed_in = bool(user and user.is_authenticated)
        self.cms_user = bool(user) and is_cms_user(user)
        self.trainer = None if self.cms_user or user is None else trainer_of(user)
        self.restricted_ids = restricted_collection_ids()
        self._kit_keys = None

    @property
    def kit_keys(self):
        """translation_keys of the kits this trainer has active access to."""
        if self._kit_keys is None:
            if self.trainer is None:
                self._kit_keys = set()
            else:
                self._kit_keys = set(
                    Grant.objects.active(timezone.now())
                    .filter(trainer=self.trainer)
                    .values_list("kit__translation_key", flat=True)
                )
        return self._kit_keys

    @property
    def is_active_trainer(self):
        return bool(self.kit_keys)

    def is_restricted(self, document):
        return document.collection_id in self.restricted_ids

    def granted_kits(self):
        """The live kits (every language) this trainer has active access to."""
        if not self.kit_keys:
            return []
        TrainingKitPage = apps.get_model("resources", "TrainingKitPage")
        return list(TrainingKitPage.objects.live().filter(translation_key__in=self.kit_keys))

    def kit_for(self, document):
        """A granted kit holding ``document``, or None."""
        for kit in self.granted_kits():
            if document.pk in kit.document_ids():
                return kit
        return None

    def allows(self, document, kit=None):
        """May this reader download ``document``? With ``kit``, the caller vouches that
        the document is one of that kit's (the kit's own routes)."""
        if not self.is_restricted(document) or self.cms_user:
            return True
        if kit is not None:
            return kit.translation_key in self.kit_keys
        return self.kit_for(document) is not None


def reader_access(request):
    return ReaderAccess(request)


def record_download(request, kit, document=None, route="module"):
    """Record a download by a trainer (nothing for anyone else): per organisation, under
    the trainer's reader id, so the donor report can count who was reached."""
    trainer = trainer_of(request.user) if hasattr(request, "user") else None
    if trainer is None:
        return None
    return TrainerDownload.objects.create(
        kit=kit,
        document=document,
        route=route,
        trainer=trainer,
        reader_id=trainer.reader_id,
        organisation=trainer.organisation,
        organisation_key=organisation_key(trainer.organisation),
    )
