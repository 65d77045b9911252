"""Images and documents for the deployment and storage tests."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.models import Collection, CollectionViewRestriction

from home.models import SiteDocument, SiteImage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_image(title="Deploy image"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), (20, 80, 140)).save(buffer, "JPEG")
    image = SiteImage(title=title, description="A blue rectangle")
    image.file = ImageFile(buffer, name="deploy.jpg")
    image.save()
    return image


def private_collection(name="Trainers only"):
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def make_document(title, body=PDF, collection=None, slug="document"):
    document = SiteDocument(title=title, language="tr")
    if collection is not None:
        document.collection = collection
    document.file.save(f"{slug}.pdf", ContentFile(body), save=False)
    document.save()
    return document
