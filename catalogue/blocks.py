"""StreamField blocks of a solution's story, defined once and shared by every page that tells one."""
from django.utils import timezone
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label="значение", max_length=40, help_text="Например: «в 3 раза», «−40 %», «12 млн ₽»")
    label = blocks.CharBlock(label="что это значит", max_length=160)

    class Meta:
        label = "показатель"
        icon = "pick"


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="заголовок", required=False, default="Эффект в цифрах")
    figures = blocks.ListBlock(KeyFigureBlock(), label="показатели", min_num=1, max_num=8)

    class Meta:
        label = "ключевые показатели"
        icon = "list-ul"
        template = "components/blocks/key_figures.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="изображение")
    caption = blocks.CharBlock(label="подпись", required=False, max_length=255)

    class Meta:
        label = "изображение с подписью"
        icon = "image"
        template = "components/blocks/captioned_image.html"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="документ")
    title = blocks.CharBlock(label="название", required=False, max_length=255,
                             help_text="Например: «Технический паспорт»; по умолчанию — название документа.")

    class Meta:
        label = "документ для скачивания"
        icon = "doc-full"
        template = "components/blocks/download.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="цитата")
    attribution = blocks.CharBlock(label="кто сказал", required=False, max_length=255)

    class Meta:
        label = "цитата"
        icon = "openquote"
        template = "components/blocks/quote.html"


class StoryBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="подзаголовок", max_length=120, icon="title",
                               template="components/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label="текст", features=RICH_TEXT_FEATURES)
    key_figures = KeyFiguresBlock()
    image = CaptionedImageBlock()
    document = DownloadBlock()
    video = EmbedBlock(label="видео", help_text="Ссылка на видео (RuTube, VK Видео, YouTube)",
                       template="components/blocks/video.html")
    quote = QuoteBlock()


# The offer's terms (catalogue/models/terms.py): intellectual property and certificates of a solution.
class IntellectualPropertyValue(blocks.StructValue):
    def kind_label(self):
        return dict(IntellectualPropertyBlock.KINDS).get(self["kind"], self["kind"])


class IntellectualPropertyBlock(blocks.StructBlock):
    KINDS = [
        ("invention", "патент на изобретение"),
        ("utility_model", "патент на полезную модель"),
        ("design", "патент на промышленный образец"),
        ("software", "свидетельство о регистрации программы для ЭВМ"),
        ("database", "свидетельство о регистрации базы данных"),
        ("know_how", "ноу-хау"),
    ]

    kind = blocks.ChoiceBlock(label="вид", choices=KINDS)
    number = blocks.CharBlock(label="номер", required=False, max_length=60,
                              help_text="Например: «RU 2 745 123»; для ноу-хау можно не указывать.")
    title = blocks.CharBlock(label="название", max_length=255)

    class Meta:
        label = "охранный документ"
        icon = "doc-full"
        value_class = IntellectualPropertyValue


def certificate_expired(value, today=None):
    """Whether a certificate is past its «valid until» date (none: valid without a term)."""
    return bool(value["valid_until"]) and value["valid_until"] < (today or timezone.localdate())


class CertificateValue(blocks.StructValue):
    def expired(self):
        return certificate_expired(self)


class CertificateBlock(blocks.StructBlock):
    kind = blocks.CharBlock(label="вид", max_length=160,
                            help_text="Например: «сертификат соответствия», «декларация ЕАЭС», «лицензия».")
    number = blocks.CharBlock(label="номер", max_length=80)
    valid_until = blocks.DateBlock(label="действует до", required=False,
                                   help_text="Пусто — бессрочно. Истёкший документ на странице помечается.")

    class Meta:
        label = "сертификат или разрешение"
        icon = "success"
        value_class = CertificateValue
