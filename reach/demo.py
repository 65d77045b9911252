"""The privacy notice's paragraph on visit counting, added to the demo's privacy pages
(made by the newsletter app's demo) in both languages. Adds it only where it is missing."""

from wagtail.rich_text import RichText

from home.demo import rich

MARKER = {"tr": "Ziyaret istatistikleri", "en": "Visit statistics"}
PARAGRAPH = {
    "tr": rich(
        "<b>Ziyaret istatistikleri:</b> Sitenin ne kadar okunduğunu bağışçılarımıza "
        "raporlayabilmek için ziyaretleri kendimiz sayarız; üçüncü taraf bir analiz aracı, "
        "çerez ya da tarayıcınızda saklanan başka bir bilgi kullanılmaz. Her sayfa "
        "görüntülemesinde yalnızca sayfanın adresi, dili, günü ve sizi yönlendiren sitenin "
        "adı (yalnızca alan adı) bir sayaca eklenir. Aynı gün içindeki yeni bir ziyareti "
        "sayfa yenilemeden ayırmak için IP adresinizden ve tarayıcı bilgisinden, her gün "
        "yenilenen ve gün sonunda silinen rastgele bir anahtarla tek yönlü bir özet "
        "hesaplanır; bu özet yalnızca o gün boyunca geçici bellekte tutulur. IP adresiniz, "
        "tarayıcı bilgileriniz ya da sizi tanıtan herhangi bir bilgi kaydedilmez; "
        "veritabanında yalnızca günlük toplamlar kalır. Tarayıcınız Global Privacy Control "
        "(Sec-GPC) ya da Do Not Track (DNT) sinyali gönderiyorsa ziyaretiniz hiç sayılmaz; "
        "arama motoru botları ve önceden yüklemeler de sayılmaz."
    ),
    "en": rich(
        "<b>Visit statistics:</b> to report to our donors how widely the site is read, we "
        "count visits ourselves, with no third-party analytics, no cookies and nothing else "
        "stored in your browser. Each page view adds one to a counter for the page's address, "
        "its language, the day and the site that referred you (its host name only). To tell "
        "a new visit from a reload on the same day, a one-way hash is computed from your IP "
        "address and browser details with a random key that is replaced every day and "
        "deleted at its end; the hash is held only in temporary memory for that day. Your IP "
        "address, browser details or anything else that could identify you are never "
        "recorded: the database keeps daily totals only. If your browser sends a Global "
        "Privacy Control (Sec-GPC) or Do Not Track (DNT) signal, your visit is not counted "
        "at all; search-engine crawlers and prefetches are not counted either."
    ),
}


def add_paragraph(page, code):
    page = page.specific
    if MARKER[code] in str(page.body):
        return False
    page.body.append(("paragraph", RichText(PARAGRAPH[code])))
    page.save_revision().publish()
    return True


def load(context):
    pages = context.pages.get("privacy")
    if not pages:
        return
    for code, page in zip(("tr", "en"), pages, strict=True):
        add_paragraph(page, code)
