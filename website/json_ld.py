"""JSON-LD for every app's pages (the site's organisation and breadcrumbs, news
articles, events): one place where data becomes the body of a <script> element."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

# The escapes of Django's json_script: the JSON can never close its <script> element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """``data`` as JSON that is safe inside <script type="application/ld+json"> (dates
    and decimals as Django serialises them, letters unescaped)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))
