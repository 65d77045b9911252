"""The 81 provinces (iller) of Türkiye as ``(slug, name)`` pairs, in plate-code order.

Names use the official Turkish spelling (İ, ı, ğ, ş, ç, ö, ü); slugs are their ASCII
transliteration, stable in every language, so they are safe in URLs and query strings.
Shared by every app that needs a city field (``choices=PROVINCES``)."""

PROVINCES = [
    ("adana", "Adana"),
    ("adiyaman", "Adıyaman"),
    ("afyonkarahisar", "Afyonkarahisar"),
    ("agri", "Ağrı"),
    ("amasya", "Amasya"),
    ("ankara", "Ankara"),
    ("antalya", "Antalya"),
    ("artvin", "Artvin"),
    ("aydin", "Aydın"),
    ("balikesir", "Balıkesir"),
    ("bilecik", "Bilecik"),
    ("bingol", "Bingöl"),
    ("bitlis", "Bitlis"),
    ("bolu", "Bolu"),
    ("burdur", "Burdur"),
    ("bursa", "Bursa"),
    ("canakkale", "Çanakkale"),
    ("cankiri", "Çankırı"),
    ("corum", "Çorum"),
    ("denizli", "Denizli"),
    ("diyarbakir", "Diyarbakır"),
    ("edirne", "Edirne"),
    ("elazig", "Elazığ"),
    ("erzincan", "Erzincan"),
    ("erzurum", "Erzurum"),
    ("eskisehir", "Eskişehir"),
    ("gaziantep", "Gaziantep"),
    ("giresun", "Giresun"),
    ("gumushane", "Gümüşhane"),
    ("hakkari", "Hakkâri"),
    ("hatay", "Hatay"),
    ("isparta", "Isparta"),
    ("mersin", "Mersin"),
    ("istanbul", "İstanbul"),
    ("izmir", "İzmir"),
    ("kars", "Kars"),
    ("kastamonu", "Kastamonu"),
    ("kayseri", "Kayseri"),
    ("kirklareli", "Kırklareli"),
    ("kirsehir", "Kırşehir"),
    ("kocaeli", "Kocaeli"),
    ("konya", "Konya"),
    ("kutahya", "Kütahya"),
    ("malatya", "Malatya"),
    ("manisa", "Manisa"),
    ("kahramanmaras", "Kahramanmaraş"),
    ("mardin", "Mardin"),
    ("mugla", "Muğla"),
    ("mus", "Muş"),
    ("nevsehir", "Nevşehir"),
    ("nigde", "Niğde"),
    ("ordu", "Ordu"),
    ("rize", "Rize"),
    ("sakarya", "Sakarya"),
    ("samsun", "Samsun"),
    ("siirt", "Siirt"),
    ("sinop", "Sinop"),
    ("sivas", "Sivas"),
    ("tekirdag", "Tekirdağ"),
    ("tokat", "Tokat"),
    ("trabzon", "Trabzon"),
    ("tunceli", "Tunceli"),
    ("sanliurfa", "Şanlıurfa"),
    ("usak", "Uşak"),
    ("van", "Van"),
    ("yozgat", "Yozgat"),
    ("zonguldak", "Zonguldak"),
    ("aksaray", "Aksaray"),
    ("bayburt", "Bayburt"),
    ("karaman", "Karaman"),
    ("kirikkale", "Kırıkkale"),
    ("batman", "Batman"),
    ("sirnak", "Şırnak"),
    ("bartin", "Bartın"),
    ("ardahan", "Ardahan"),
    ("igdir", "Iğdır"),
    ("yalova", "Yalova"),
    ("karabuk", "Karabük"),
    ("kilis", "Kilis"),
    ("osmaniye", "Osmaniye"),
    ("duzce", "Düzce"),
]

PROVINCE_NAMES = dict(PROVINCES)


def province_name(slug):
    """The Turkish name of a province slug, or the slug itself when it is unknown."""
    return PROVINCE_NAMES.get(slug, slug)


_TURKISH_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"


def turkish_sort_key(text):
    """Sort key for Turkish alphabetical order (ç after c, ı before i, ...)."""
    folded = text.replace("I", "ı").replace("İ", "i").lower().replace("â", "a")
    return [_TURKISH_ALPHABET.find(char) if char in _TURKISH_ALPHABET else 100 for char in folded]


# For select boxes: the same pairs in Turkish alphabetical order.
PROVINCE_CHOICES = sorted(PROVINCES, key=lambda pair: turkish_sort_key(pair[1]))
