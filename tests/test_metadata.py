"""Metadata: each source, conflicts between them, malformed input, and real pages."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import replace
from datetime import datetime

import pytest

import thresher
from thresher.label import label_blocks
from thresher.label.title import split_title
from thresher.metadata import gather_candidates, read_metadata
from thresher.metadata.authors import clean_names, names_after_by
from thresher.metadata.dates import (
    date_in_url,
    from_timestamp,
    other_reading,
    parse_date,
    parse_shown_date,
)
from thresher.metadata.jsonld import DEEPEST_CLEANED, entities, load_json, names_of, text_of
from thresher.metadata.language import choose_language, detect, normalise_code
from thresher.metadata.title import title_candidates
from thresher.options import DEFAULT_OPTIONS
from thresher.pipeline import read_page

from .conftest import load_case

PROSE = (
    "<p>The committee met on Tuesday to discuss the new budget for the coming year, and "
    "the members agreed that the library would receive more money than it did before.</p>"
) * 3


STORY = "".join(
    f"<p>Paragraph {i} of the story tells what the council decided and why it matters.</p>"
    for i in range(45)
)


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    return f'<html lang="{lang}"><head>{head}</head><body>{body}{PROSE}</body></html>'


def candidates_of(html: str, page_type: str | None = None) -> dict:
    """Every value each source offers for each field, the page typed as given."""
    built = read_page(html, DEFAULT_OPTIONS, time.monotonic() + 10)
    labels = label_blocks(built, DEFAULT_OPTIONS.threshold)
    if page_type:
        labels = replace(labels, page_type=page_type)
    return gather_candidates(built, labels, None, [])


# -- dates ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-27T19:27:00Z", "2024-06-27T19:27:00+00:00"),
        ("June 27, 2024 at 7:27 pm", "2024-06-27T19:27:00"),
        ("26. Mai 2008 um 21:07", "2008-05-26T21:07:00"),
        ("9 Apr 2020 / 08:34", "2020-04-09T08:34:00"),
        ("Friday, October 4th, 2024 at 3:43:10 PM GMT+03:00", "2024-10-04T15:43:00"),  # seconds
        ("12 de marzo de 2023", "2023-03-12"),
        ("Posted on December 9th, 2019", "2019-12-09"),
        ("27.06.2024", "2024-06-27"),
        ("By: FlowGuard EMEA on 04-ago-2021 5:11:12", "2021-08-04T05:11:00"),  # dashes
        ("17-Mar-2024", "2024-03-17"),
        ("re-Mar-2024", None),
        ("By Jane RoeMar 5, 2025 | 6 comments", "2025-03-05"),  # glued to the name
        ("Mental HealthDECEMBER 22, 2022Updated: JANUARY 02, 2026", "2022-12-22"),  # capitals
        ("26 июня 2024 г., 14:12", "2024-06-26T14:12:00"),  # Russian: the genitive
        ("mercredi 26 juin 2024 à 14 h 12", "2024-06-26T14:12:00"),
        ("26 czerwca 2024", "2024-06-26"),
        ("26. kesäkuuta 2024", "2024-06-26"),  # Finnish: the partitive
        ("26 ΙΟΥΝΙΟΥ 2024", "2024-06-26"),
        ("3 KASIM 2023", "2023-11-03"),  # Turkish capitals: KASIM lowers to "kasim"
        ("2024. június 26.", "2024-06-26"),  # Hungarian: the year first
        ("2024年6月26日 14:12", "2024-06-26T14:12:00"),
        ("2024년 6월 26일", "2024-06-26"),
        ("٢٠٢٤-٠٦-٢٦", "2024-06-26"),  # digits of another script count as digits
        ("٢٦ يونيو ٢٠٢٤", "2024-06-26"),  # Arabic, Egyptian names
        ("26 حزيران 2024", "2024-06-26"),  # Levantine names
        ("26 كانون الثاني 2024", "2024-01-26"),  # a Levantine name of two words
        ("26 آب 2024", "2024-08-26"),  # a name of two letters
        ("26 ביוני 2024", "2024-06-26"),  # Hebrew: "in June"
        ("26 जून 2024", "2024-06-26"),
        ("१५ अगस्त २०२३", "2023-08-15"),  # Hindi: a vowel sign inside the name
        ("২৬ জুন ২০২৪", "2024-06-26"),  # Bengali
        ("26 มิถุนายน 2567", "2024-06-26"),  # Thai: the Buddhist era's year
        ("26 มิ.ย. 2567 14:12", "2024-06-26T14:12:00"),  # Thai: the abbreviation
        ("26 June 2567", None),  # only a Thai month counts Buddhist years
        ("ngày 26 tháng 6 năm 2024", "2024-06-26"),  # Vietnamese: the months are numbered
        ("26 Tháng 6, 2024 10:30", "2024-06-26T10:30:00"),
        ("2024 m. birželio 26 d.", "2024-06-26"),  # Lithuanian
        ("2024. gada 26. jūnijs", "2024-06-26"),  # Latvian
        ("26. lipnja 2024.", "2024-06-26"),  # Croatian
        ("26. junij 2024", "2024-06-26"),  # Slovene
        ("Hunyo 26, 2024", "2024-06-26"),  # Filipino
        ("26 Septemba 2024", "2024-09-26"),  # Swahili
        ("on 5, 2024", None),
        ("2024年2月30日", None),
        ("the iPHONE 12, 2020", None),
        ("Primar 5, 2025", None),
        ("the iMac 24, 2021 model", None),  # no Malay "Mac" for March: Apple's would be one
        ("2008-10-294", None),
        ("Feb 30, 2020", None),
        ("vor 2 Stunden", None),
        ("1850-01-01", None),
        ("", None),
    ],
)
def test_dates_in_many_forms(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("lang", "title", "dateline", "body"),
    [
        (
            "ru",
            "Погода в Москве",
            "Иван Петров · 26 июня 2024, 14:12",
            "Завтра в Москве будет тепло. ",
        ),
        (
            "pl",
            "Pogoda w Warszawie",
            "Jan Kowalski, 26 czerwca 2024",
            "Jutro w Warszawie będzie ciepło. ",
        ),
        ("ja", "東京の天気", "2024年6月26日 14:12", "明日の東京は晴れて暖かくなる見込みです。"),
        ("ar", "الطقس في القاهرة", "26 يونيو 2024", "سيكون الطقس غدا في القاهرة دافئا ومشمسا. "),
        ("he", "מזג האוויר בתל אביב", "פורסם: 26 ביוני 2024", "מחר יהיה חם ושמשי בתל אביב. "),
        ("hi", "दिल्ली का मौसम", "26 जून 2024", "कल दिल्ली में मौसम गर्म और धूप वाला रहेगा। "),
        ("th", "อากาศในกรุงเทพ", "26 มิ.ย. 2567", "พรุ่งนี้อากาศในกรุงเทพจะร้อนและมีแดด "),
        ("vi", "Thời tiết Hà Nội", "Thứ tư, ngày 26 tháng 6 năm 2024", "Ngày mai Hà Nội sẽ nắng. "),
        ("lt", "Orai Vilniuje", "2024 m. birželio 26 d.", "Rytoj Vilniuje bus šilta ir saulėta. "),
    ],
)
def test_visible_dates_in_other_languages_date_the_page(
    lang: str, title: str, dateline: str, body: str
) -> None:
    html = (
        f'<html lang="{lang}"><head><title>{title}</title></head><body><article>'
        f'<h1>{title}</h1><p class="meta">{dateline}</p>'
        + f"<p>{body * 12}</p>" * 3
        + "</article></body></html>"
    )
    doc = thresher.extract(html)
    assert doc.date_published is not None and doc.date_published.startswith("2024-06-26")
    assert doc.sources["date_published"] == "byline"


def test_an_update_stamp_in_other_languages_is_the_modification_date() -> None:
    body = "<p>" + "Завтра в Москве будет тепло и солнечно. " * 12 + "</p>"
    html = (
        '<html lang="ru"><body><article><h1>Погода в Москве</h1>'
        '<p class="meta">26 июня 2024 · Обновлено 27 июня 2024</p>'
        f"{body * 3}</article></body></html>"
    )
    doc = thresher.extract(html)
    assert doc.date_published == "2024-06-26"
    assert doc.date_modified == "2024-06-27"


@pytest.mark.parametrize(
    ("lang", "dateline", "body"),
    [
        ("vi", "26 tháng 6, 2024 · Cập nhật 27 tháng 6, 2024", "Ngày mai Hà Nội sẽ nắng và ấm. "),
        ("ar", "26 يونيو 2024 · آخر تحديث 27 يونيو 2024", "سيكون الطقس غدا دافئا ومشمسا. "),
        ("he", "26 ביוני 2024 · עודכן 27 ביוני 2024", "מחר יהיה חם ושמשי בתל אביב. "),
        ("th", "26 มิ.ย. 2567 · อัปเดต 27 มิ.ย. 2567", "พรุ่งนี้อากาศในกรุงเทพจะร้อนและมีแดด "),
        ("hr", "26. lipnja 2024. · Ažurirano 27. lipnja 2024.", "Sutra će u Zagrebu biti toplo. "),
    ],
)
def test_update_stamps_in_more_languages(lang: str, dateline: str, body: str) -> None:
    html = (
        f'<html lang="{lang}"><body><article><h1>{body[:12]}</h1><p class="meta">{dateline}</p>'
        + f"<p>{body * 12}</p>" * 3
        + "</article></body></html>"
    )
    doc = thresher.extract(html)
    assert (doc.date_published, doc.date_modified) == ("2024-06-26", "2024-06-27")


def test_declared_unix_timestamps_are_dates_but_visible_numbers_are_not() -> None:
    head = (
        '<meta property="article:published_time" content="1766222982">'
        '<meta property="og:updated_time" content="1766309382000">'
    )
    doc = thresher.extract(page(head, "<h1>Bridge Reopens</h1><p>Call 1766222982 today.</p>"))
    assert doc.date_published == "2025-12-20T09:29:42+00:00"
    assert doc.date_modified == "2025-12-21T09:29:42+00:00"
    assert parse_date("Call 1766222982 today.") is None
    # a number that is no time of the web's lifetime stays what it was, and is discarded
    assert from_timestamp("0000000001") == "0000000001"
    assert from_timestamp("2024-06-27") == "2024-06-27"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-01T10:00:00+25:00", "2024-01-01T10:00:00"),
        ("2024-01-01T10:00:00+05:99", "2024-01-01T10:00:00"),
        ("2024-01-01T10:00:00+14:00", "2024-01-01T10:00:00+14:00"),
        ("2024-01-01T10:00:00-0930", "2024-01-01T10:00:00-09:30"),
    ],
)
def test_a_stamp_keeps_only_an_offset_a_place_keeps(text: str, expected: str) -> None:
    """An offset of a day or more was written out as it came, and no ISO 8601 reader could
    read the stamp back."""
    found = parse_date(text)
    assert found == expected and datetime.fromisoformat(found).isoformat() == expected


def test_dates_in_urls() -> None:
    assert date_in_url("https://x.org/2024/06/27/a-story") == "2024-06-27"
    assert date_in_url("https://x.org/blog/2024-13-45-nope") is None
    assert date_in_url("https://x.org/products/2024") is None
    assert date_in_url("https://x.org/blog/2023/october/03/wine-styles") == "2023-10-03"
    assert date_in_url("https://x.org/2023/spring/03/") is None
    # the slug may follow the date after '+', '_' or '.', as it does after '-'
    assert date_in_url("https://x.org/articles/2025-12-15+Rust+GCC+backend") == "2025-12-15"
    assert date_in_url("https://x.org/2024/06/27.html") == "2024-06-27"
    assert date_in_url("https://x.org/v/2024-06-271") is None


# -- authors ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "byline", "name"),
    [
        ("ru", "Автор: Иван Петров", "Иван Петров"),
        ("pl", "Autor: Jan Kowalski", "Jan Kowalski"),  # "Jan" is a name, not January
        ("nl", "Door Jan de Vries", "Jan de Vries"),
        ("sv", "Av Sven Svensson", "Sven Svensson"),
        ("da", "Af Lars Hansen", "Lars Hansen"),
        ("fi", "Kirjoittaja: Matti Virtanen", "Matti Virtanen"),
        ("tr", "Yazar: Ahmet Yılmaz", "Ahmet Yılmaz"),
        ("id", "Oleh Budi Santoso", "Budi Santoso"),
        ("zh", "作者：王小明", "王小明"),  # a full-width colon, no space after it
        ("ja", "文：山田太郎", "山田太郎"),
        # the reporter's title after the name, or with the outlet in brackets, is no name
        ("ja", "山田太郎記者", "山田太郎"),
        ("ja", "文・山田太郎（北日本新聞記者）", "山田太郎"),
        ("zh", "王小明 记者", "王小明"),
        ("ko", "홍길동 기자", "홍길동"),
        # "Written by", "Published by": the label is no part of the name
        ("de", "Veröffentlicht von Hans Müller", "Hans Müller"),
        ("nl", "Geschreven door Jan de Vries", "Jan de Vries"),
        ("it", "Pubblicato da Mario Rossi", "Mario Rossi"),
        ("pl", "Napisane przez Jan Kowalski", "Jan Kowalski"),
        ("sv", "Skriven av Sven Svensson", "Sven Svensson"),
        ("cs", "Napsal Jan Novák", "Jan Novák"),
        ("tr", "Yazan: Ahmet Yılmaz", "Ahmet Yılmaz"),
        ("ru", "Опубликовано: Иван Петров", "Иван Петров"),
        ("el", "Συντάκτης: Γιώργος Παπαδόπουλος", "Γιώργος Παπαδόπουλος"),
        # labels of scripts without capitals, and of more languages in Latin script
        ("ar", "بقلم أحمد علي", "أحمد علي"),
        ("ar", "كتب: أحمد علي", "أحمد علي"),
        ("fa", "نویسنده: علی رضایی", "علی رضایی"),
        ("he", "מאת יוסי כהן", "יוסי כהן"),
        ("hi", "लेखक: राहुल शर्मा", "राहुल शर्मा"),
        ("th", "โดย สมชาย ใจดี", "สมชาย ใจดี"),
        ("vi", "Tác giả: Nguyễn Văn An", "Nguyễn Văn An"),
        ("id", "Penulis: Budi Santoso", "Budi Santoso"),
    ],
)
def test_a_byline_in_another_language_names_the_writer_without_its_label(
    lang: str, byline: str, name: str
) -> None:
    byline_html = f'<p class="byline">{byline}</p><p class="date">2024-06-26</p>'
    assert thresher.extract(_story(lang, byline_html)).authors == (name,)


def _story(lang: str, under_headline: str) -> str:
    """A story in the language, with what stands under its headline."""
    body = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do. " * 10
    return (
        f'<html lang="{lang}"><body><article><h1>The headline of the story</h1>'
        + under_headline
        + f"{body}</p>" * 3
        + "</article></body></html>"
    )


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        ("ja", "2024年3月5日 山田太郎記者", "山田太郎"),
        ("zh", "2024-03-05 王小明 记者", "王小明"),
        ("ko", "홍길동 기자", "홍길동"),
        # a label with its colon, unmarked too
        ("ru", "Автор: Иван Петров", "Иван Петров"),
        ("tr", "Yazar: Ahmet Yılmaz", "Ahmet Yılmaz"),
        ("it", "Autore: Mario Rossi", "Mario Rossi"),
        ("hu", "Szerző: Nagy Péter", "Nagy Péter"),
        ("id", "Penulis: Budi Santoso", "Budi Santoso"),
        ("vi", "Tác giả: Nguyễn Văn An", "Nguyễn Văn An"),
        ("de", "Geschrieben von Hans Müller", "Hans Müller"),
        ("nl", "Geschreven door Jan de Vries", "Jan de Vries"),
        ("it", "Pubblicato da Mario Rossi", "Mario Rossi"),
        # in scripts without capitals, up to what ends the name: the line's end, or a date
        ("ar", "بقلم: أحمد علي", "أحمد علي"),
        ("ar", "بقلم أحمد علي · 26 يونيو 2024", "أحمد علي"),
        ("he", "מאת: יוסי כהן", "יוסי כהן"),
        ("hi", "लेखक: राहुल शर्मा", "राहुल शर्मा"),
        ("th", "โดย สมชาย ใจดี", "สมชาย ใจดี"),
    ],
)
def test_an_unmarked_byline_in_another_language_names_the_writer(
    lang: str, line: str, name: str
) -> None:
    """Japanese, Chinese and Korean bylines write no "by": the reporter's title after the name
    says what it is, as "By" does before one; other languages write their word for "author"
    and a colon, as "Author:" is read in English."""
    assert thresher.extract(_story(lang, f"<div>{line}</div>")).authors == (name,)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("ar", "بقلم أحمد علي في القاهرة"),  # "by Ahmed Ali in Cairo"
        ("he", "מכתב מאת השר לענייני חוץ ישראל"),  # "a letter from Israel's foreign minister"
        ("th", "โดย ทั่วไป แล้ว อากาศ ร้อน"),  # "generally, then, the weather is hot"
    ],
)
def test_a_sentence_in_a_script_without_capitals_names_no_writer(lang: str, line: str) -> None:
    """Where no capital tells a name from the words after it, a phrase that runs on past a
    name's length is a sentence."""
    assert thresher.extract(_story(lang, f"<div>{line}</div>")).authors == ()


@pytest.mark.parametrize(
    ("lang", "byline", "names"),
    [
        # a job title in the newsroom's language is no second writer
        ("de", "Von Hans Müller, Redakteur", ("Hans Müller",)),
        ("fr", "Par Jean Dupont, journaliste", ("Jean Dupont",)),
        ("it", "Mario Rossi, giornalista", ("Mario Rossi",)),
        ("ru", "Иван Петров, корреспондент", ("Иван Петров",)),
        # "and" in lower case joins two whole names
        ("it", "Di Mario Rossi e Anna Bianchi", ("Mario Rossi", "Anna Bianchi")),
        ("pl", "Jan Kowalski i Anna Nowak", ("Jan Kowalski", "Anna Nowak")),
        ("sv", "Sven Svensson och Anna Andersson", ("Sven Svensson", "Anna Andersson")),
        ("tr", "Ahmet Yılmaz ve Ayşe Kaya", ("Ahmet Yılmaz", "Ayşe Kaya")),
        ("ru", "Иван Петров и Анна Смирнова", ("Иван Петров", "Анна Смирнова")),
        # an agency or pronouns in brackets are no part of the name
        ("de", "Hans Müller (dpa)", ("Hans Müller",)),
        ("en", "Alex Roe (they/them)", ("Alex Roe",)),
    ],
)
def test_a_bylines_role_conjunction_and_agency_in_other_languages(
    lang: str, byline: str, names: tuple[str, ...]
) -> None:
    byline_html = f'<p class="byline">{byline}</p>'
    assert thresher.extract(_story(lang, byline_html)).authors == names


def test_a_lower_case_and_between_a_name_and_one_word_leaves_the_name_whole() -> None:
    """Portuguese surnames hold an "e" ("Ferreira e Silva"): one word after it is no name."""
    assert clean_names(["Maria Silva e João Souza"]) == ["Maria Silva", "João Souza"]
    assert clean_names(["João Ferreira e Silva"]) == ["João Ferreira e Silva"]
    # Turkish "Yazan" ("written by") is a label with its colon only: it is a given name too
    assert clean_names(["Yazan Ahmed Saleh"], strict=True) == ["Yazan Ahmed Saleh"]
    # a preposition that is "and" in another language leads a place, not a second writer
    assert names_after_by("Por Juan Pérez en Buenos Aires") == ["Juan Pérez"]


def test_by_opens_a_byline_only_as_a_word_of_its_own() -> None:
    assert clean_names(["Bylaws Committee"]) == ["Bylaws Committee"]
    assert clean_names(["By-Laws Committee"]) == ["By-Laws Committee"]
    assert clean_names(["Avery Smith", "Afton Jones"]) == ["Avery Smith", "Afton Jones"]
    assert names_after_by("By Jane Roe Jan 5, 2024") == ["Jane Roe"]  # there "Jan" is a month


def test_an_authors_address_goes_and_code_is_no_name() -> None:
    """Feeds and mail write an author with an address ("Jane Roe <jane@...>"), which stayed in
    the name; markup, a template's braces and a script's "[object Object]" passed for names."""
    assert clean_names(["Jane Roe <jane.roe@example.org>"]) == ["Jane Roe"]
    assert clean_names(["jane.roe@example.org (Jane Roe)"]) == ["Jane Roe"]
    assert clean_names(["Jane Roe, jroe@example.org; John Doe"]) == ["Jane Roe", "John Doe"]
    assert clean_names(["jane.roe@example.org"]) == ["jane.roe@example.org"]  # all it signs with
    assert clean_names(['Jane "><script>alert(1)</script>', "[object Object]", "{user.name}"]) == []
    assert clean_names(["Jane O'Roe-Smith", "Zoë Ångström"]) == ["Jane O'Roe-Smith", "Zoë Ångström"]


def test_a_date_after_the_names_is_no_name() -> None:
    """Split at its comma, a date read as a name ("January 5"); in a visible byline the line
    that held one lost its names too."""
    assert clean_names(["Jane Roe, January 5, 2024"]) == ["Jane Roe"]
    assert clean_names(["Posted by Jane Roe on March 3, 2024"]) == ["Jane Roe"]
    assert clean_names(["Jane Roe; John Doe - 2024-01-05 10:30"]) == ["Jane Roe", "John Doe"]
    assert clean_names(["Jane Roe - 5 Jan 2024"], strict=True) == ["Jane Roe"]
    assert clean_names(["von Jane Roe am 3. März 2024"], strict=True) == ["Jane Roe"]
    assert clean_names(["2024-01-05"]) == []  # a date alone is no name either


def test_author_names_are_cleaned_and_split() -> None:
    assert clean_names(["By John Smith and Jane Doe"]) == ["John Smith", "Jane Doe"]
    assert clean_names(["Smith, John"]) == ["John Smith"]
    # a citation list: semicolons between the names, a comma inside each
    assert clean_names(["Roe, Jane; Smith, John"]) == ["Jane Roe", "John Smith"]
    assert clean_names(["Jane Roe, John Smith; Max Mustermann"]) == [
        "Jane Roe",
        "John Smith",
        "Max Mustermann",
    ]
    assert clean_names(["Jane Roe, Senior Editor"]) == ["Jane Roe"]
    # a role of a few words after the name, whichever separator comes before it
    assert clean_names(["Jane Roe - FullStack Editorial Team"]) == ["Jane Roe"]
    assert clean_names(["Jane Roe, Sr. Director of Operations, Acme"]) == ["Jane Roe"]
    assert clean_names(["Jane Roe, Shipping Expert"]) == ["Jane Roe"]
    assert clean_names(["Jane Roe - Product marketer", "John Doe, Senior Software Engineer"]) == [
        "Jane Roe",
        "John Doe",
    ]
    assert clean_names(["Jane Roe, John Smith"]) == ["Jane Roe", "John Smith"]
    # a surname first with the initial after the given name; degrees after a name
    assert clean_names(["Berger, Emery D."]) == ["Emery D. Berger"]
    assert clean_names(["Dylan Bailey, MS, RD, FAND"]) == ["Dylan Bailey"]
    assert clean_names(["Holly Wilgus, E-RYT 200", "John Doe, Ph.D."]) == [
        "Holly Wilgus",
        "John Doe",
    ]
    assert clean_names(["Hudson Valley, NY"]) == ["Hudson Valley", "NY"]  # a place, not a degree
    # a degree with its subject; a qualification where the name should be ("Ma Long" is one)
    assert clean_names(["Jane Roe, M.A. Journalism", "John Doe, MSc Computer Science"]) == [
        "Jane Roe",
        "John Doe",
    ]
    assert clean_names(["Licensed Q Arabica Grader, M.A. Journalism"], strict=True) == []
    assert clean_names(["Ma Long", "Do Kwon"], strict=True) == ["Ma Long", "Do Kwon"]
    # a job title split off a byline as if it were a second name; a team signs as one
    line = "Agatha Caleo, Candidate Representative to the Liaison Committee"
    assert names_after_by(f"by {line}") == ["Agatha Caleo"]
    assert clean_names(["Senior Editor", "Marketing Team"], strict=True) == ["Marketing Team"]
    # a byline's capitalised phrase with a word in lower case is a section, not a name
    assert clean_names(["Personal finance"], strict=True) == []
    kept = ["Maria dos Santos", "Ludwig van Beethoven", "bell hooks", "The Currency editors"]
    assert clean_names(kept, strict=True) == kept
    # a middle initial "Y." is no Spanish "y" between two names; a lower-case "y" is
    assert clean_names(["Andrew Y. Ng"]) == ["Andrew Y. Ng"]
    assert clean_names(["Juan Pérez y María López"]) == ["Juan Pérez", "María López"]
    assert clean_names(["https://facebook.com/someone"]) == []
    assert clean_names(["x" * 10_000]) == []
    assert clean_names(["Sat"]) == [] and clean_names(["Mon", "Jane Roe"]) == ["Jane Roe"]
    assert clean_names(["By"]) == [] and clean_names(["Researched by"], strict=True) == []
    assert clean_names(['"David Kim"']) == ["David Kim"]  # a value quoted twice in JSON-LD
    assert clean_names(["Staff Writer | June 3, 2024"], strict=True) == []
    assert clean_names(["Insights from"], strict=True) == []
    # a byline that does not open with a name is a sentence: its other parts name nobody
    bio = "Written by: Jane Roe Head of Product Launches, Adoption, & Evangelism"
    assert clean_names([bio], strict=True) == []
    assert clean_names(["By Jane Roe | Updated June 3, 2024"], strict=True) == ["Jane Roe"]
    assert clean_names(["George Hotz's"], strict=True) == []
    # what forum templates add to a handle
    assert clean_names(["@antonjw"]) == ["antonjw"]
    assert clean_names(["Laubrani (Laubrani)"]) == ["Laubrani"]
    assert clean_names(["Ejp55230 E"]) == ["Ejp55230"]
    assert clean_names(["Jean-Luc Aufranc (CNXSoft)"]) == ["Jean-Luc Aufranc (CNXSoft)"]
    assert clean_names(["Topic Author"], strict=True) == []
    assert clean_names(["The Meetingnotes Team"], strict=True) == ["The Meetingnotes Team"]
    # what templates write where nobody entered a name
    assert clean_names(["undefined", "Webmaster", "admin", "Jane Roe"]) == ["Jane Roe"]
    # a full stop that belongs to an initial or an abbreviation stays; one that ends a line goes
    assert clean_names(["Kaufman, Jeff T."]) == ["Jeff T. Kaufman"]
    assert clean_names(["Genevieve Carlton, Ph.D."]) == ["Genevieve Carlton"]  # a degree
    assert clean_names(["Cerebral Inc."]) == ["Cerebral Inc."]
    # a company after a writer is the writer's employer
    assert clean_names(["Markus Zimmerli, Movetec GmbH"]) == ["Markus Zimmerli"]
    assert clean_names(["Jane Roe and Acme Ltd"]) == ["Jane Roe"]
    assert clean_names(["By Jane Roe."]) == ["Jane Roe"]
    # credits name everyone who worked on a page, by role: none of them is the writer
    assert clean_names(["content: Acme Press; design: Jane Roe; code: John Doe; Studio"]) == []
    assert clean_names(["Jane Roe: the interview"]) == ["Jane Roe: the interview"]
    # a date after the name in a "By" line ends the name ("April" may open one)

    assert names_after_by("By Jane Roe December 2, 2025") == ["Jane Roe"]
    assert names_after_by("By Jane Roe May 2, 2025") == ["Jane Roe"]
    assert names_after_by("By Jane Roe Thursday") == ["Jane Roe"]
    assert names_after_by("By May Smith and Jane Roe") == ["May Smith", "Jane Roe"]
    # a participle before "by" names the writer only when it says so
    assert names_after_by("Written by Jane Roe") == ["Jane Roe"]
    assert names_after_by("Started by Jane Roe, June 4, 2024") == ["Jane Roe"]
    assert names_after_by("I was a PhD student, advised by Hanna Roe.") == []
    assert names_after_by("Course notes taken by Alex Roe") == []
    assert names_after_by("Bread Machines Bought By Jane Roe In 2024") == []
    assert names_after_by("A Step by Step Guide to Baking") == []


def test_every_author_of_a_citation_header_is_read() -> None:
    # Scholarly publishers repeat citation_authors (the older Highwire tag) once per author.
    head = "".join(
        f'<meta name="citation_authors" content="{name}">'
        for name in ("Huberty, Jennifer", "Green, Jeni", "Lee, Chong")
    )
    document = thresher.extract(page(head, "<h1>Efficacy of an app</h1><p>Abstract.</p>"))
    assert document.authors == ("Jennifer Huberty", "Jeni Green", "Chong Lee")
    assert document.sources["authors"] == "meta"


def test_a_collaboration_of_thousands_of_authors_is_read_whole_in_linear_time() -> None:
    # Physics collaborations sign papers by the thousand, one citation_author each.
    names = [f"Author{i} Surname{i}" for i in range(30_000)]
    head = "".join(f'<meta name="citation_author" content="{name}">' for name in names)
    started = time.process_time()
    document = thresher.extract(page(head, "<h1>Observation of a new particle</h1>"))
    assert time.process_time() - started < 15
    assert document.authors == tuple(names)


def test_profile_links_and_section_titles_name_no_author() -> None:
    profile = (
        '<div class="author__urls"><ul><li><a href="https://x.example/in/jr">LinkedIn</a></li>'
        '<li><a href="https://scholar.example/jr">Google Scholar</a></li></ul></div>'
    )
    section = '<h2 id="evaluate-the-topics-by-hand">Evaluate the topics by hand</h2>'
    body = f"<article><h1>Topic Modeling for the People</h1>{profile}{section}</article>"
    found = candidates_of(page(body=body), "article")["authors"]
    names = {name for value, _ in found for name in value}
    assert not names & {"LinkedIn", "Google Scholar", "hand"}
    assert clean_names(["GitHub"]) == [] and clean_names(["Jane Roe"]) == ["Jane Roe"]
    # every social network a follow call names is no author either
    assert clean_names(["Telegram", "WhatsApp", "Discord"]) == []


def test_a_bylines_section_and_unfilled_templates_name_no_author() -> None:
    byline = (
        '<section class="byline"><time datetime="2023-03-20">March 20, 2023</time> | '
        '<span class="byline__category"><a href="/wellness">Wellness &amp; Prevention</a>'
        "</span></section>"
    )
    body = f"<article><h1>Sleep and the Immune System</h1>{byline}</article>"
    found = candidates_of(page(body=body), "article")["authors"]
    assert not [value for value, source in found if source == "byline-span"]
    for unfilled in ("page.head.extra.author", "{{ author }}", "%author%"):
        assert clean_names([unfilled]) == []
    assert clean_names(["sara.r.peter"]) == ["sara.r.peter"]  # a login name stays


def test_a_credits_line_gives_way_to_the_visible_byline() -> None:
    credits = '<meta name="author" content="content: Acme Press; design: Jane Doe; code: Al Roe">'
    document = thresher.extract(page(credits, "<h1>Budget news</h1><p>By Mary Major</p>"))
    assert document.authors == ("Mary Major",)


# -- JSON-LD ----------------------------------------------------------------------------------
def test_broken_json_ld_is_repaired_or_skipped() -> None:
    assert load_json('{"a": 1,}') == {"a": 1}
    assert load_json('{"@type": "A"} {"@type": "B"}') == [{"@type": "A"}, {"@type": "B"}]
    assert load_json("{not json at all") is None
    graph = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", "headline": "H"}]}'
    )
    assert entities((graph,)) == [{"@type": "NewsArticle", "headline": "H"}]


def test_json_ld_escaping_half_a_character_gives_no_surrogate_to_the_output() -> None:
    # "\ud800" alone in JSON reads as a lone surrogate, which is no character: no UTF-8
    # writer takes it, and the command line's Markdown and JSON output raised on it.
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Bees \\ud83d\\udc1d of the \\ud800Valley", '
        '"author": {"@type": "Person", "name": "Jane \\udfffRoe"}, '
        '"description": "A walk \\uD800among the hives", "keywords": ["bees\\ud800"]}</script>'
    )
    document = thresher.extract(page(ld, "<h1>Bees of the Valley</h1>"))
    written = json.dumps(document.to_dict(), ensure_ascii=False) + document.markdown
    written.encode("utf-8")  # raises on a surrogate
    assert document.authors == ("Jane Roe",)
    assert document.description == "A walk among the hives"
    assert document.tags == ("bees",)
    # a pair escaped in its two halves is one character, and stays
    assert load_json('{"a": "\\ud83d\\udc1d \\ud800"}') == {"a": "\U0001f41d "}


def test_json_ld_values_nested_hundreds_deep_are_not_followed() -> None:
    """Where Python runs uncompiled, following such a value raised RecursionError out of
    ``thresher.extract``; a name sits a few levels down, never hundreds."""
    deep = "[" * 300 + '"Jane Roe \\ud800"' + "]" * 300
    for ld in (deep, f'{{"@type": "NewsArticle", "author": {deep}, "headline": {deep}}}'):
        thresher.extract(page(f'<script type="application/ld+json">{ld}</script>'))
    assert names_of([[["Jane Roe"]]]) == ["Jane Roe"] and text_of([["Bees"]]) == "Bees"
    assert names_of(json.loads(deep)) == [] and text_of(json.loads(deep)) is None
    cleaned = load_json(deep)
    for _ in range(DEEPEST_CLEANED):
        (cleaned,) = cleaned
    assert cleaned is None


def test_json_ld_article_fields() -> None:
    ld = (
        '<script type="application/ld+json">[{"@type": "WebSite", "name": "Daily Planet"}, '
        '{"@type": "NewsArticle", "headline": "Bridge Reopens", "datePublished": '
        '"2024-03-02T08:00:00+01:00", "dateModified": "2024-03-03", "author": [{"@type": '
        '"Person", "name": "Lois Lane"}, {"@type": "Person", "name": "Clark Kent"}], '
        '"keywords": "bridges, city"}]</script>'
    )
    doc = thresher.extract(page(ld, "<h1>Bridge Reopens</h1>"))
    assert doc.title == "Bridge Reopens"
    assert doc.authors == ("Lois Lane", "Clark Kent")
    assert doc.date_published == "2024-03-02T08:00:00+01:00"
    assert doc.date_modified == "2024-03-03"
    assert doc.tags == ("bridges", "city")
    assert doc.sources["authors"] == "json-ld"


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_json_ld_prefers_the_written_piece_to_the_questions_of_its_faq() -> None:
    faq = {"@type": "FAQPage", "mainEntity": [{"@type": "Question", "name": "How long?"}]}
    author = {"@type": "Person", "name": "Alison Roe"}
    ld = json_ld([faq, {"@type": "Article", "headline": "Online Certificates", "author": author}])
    doc = thresher.extract(page(ld, "<h1>Online Certificates</h1>"))
    assert doc.authors == ("Alison Roe",)
    assert doc.sources["authors"] == "json-ld"


def test_json_ld_text_escaped_as_html_is_unescaped() -> None:
    author = {"@type": "Person", "name": "Maria &amp; Katerina"}
    ld = json_ld({"@type": "BlogPosting", "headline": "Salt &amp; Pepper", "author": author})
    doc = thresher.extract(page(ld, "<h2>Notes</h2>"))
    assert doc.authors == ("Maria", "Katerina")
    assert ("Salt & Pepper", "json-ld") in candidates_of(page(ld))["title"]


def test_a_publisher_declared_as_author_gives_way_to_the_person_in_the_byline() -> None:
    ld = json_ld(
        {"@type": "NewsArticle", "headline": "Bridge Reopens", "author": "Harbour Gazette"}
    )
    head = f'{ld}<meta property="og:site_name" content="Harbour Gazette">'
    byline = '<div class="byline">By <a href="/staff/lois-lane">Lois Lane</a></div>'

    def story(head: str, byline: str = byline) -> thresher.Document:
        return thresher.extract(page(head, f"<article><h1>Bridge Reopens</h1>{byline}</article>"))

    assert story(head).authors == ("Lois Lane",)
    assert story(head.replace("Harbour Gazette", "lois.lane", 1)).authors == ("Lois Lane",)
    assert story(head.replace("Harbour Gazette", "LoisL", 1)).authors == ("Lois Lane",)
    # the site's name beside a person's is no author either
    both = head.replace("Harbour Gazette", "Jane Roe and Lois Lane, Harbour Gazette", 1)
    assert story(both, byline="").authors == ("Jane Roe", "Lois Lane")
    assert story(head.replace("Harbour Gazette", "Team Harbour Gazette", 1)).authors == (
        "Lois Lane",
    )
    # a bare handle gives way only to the name it is made of: on a forum it is the name
    assert story(head.replace("Harbour Gazette", "hgzlane", 1)).authors == ("Lois Lane",)
    assert story(head.replace("Harbour Gazette", "felixen", 1)).authors == ("felixen",)
    # with nobody else named, the site stays the author it declared
    alone = story(head, byline="")
    assert alone.authors == ("Harbour Gazette",) and alone.sources["authors"] == "json-ld"


def test_a_byline_naming_only_the_site_does_not_outweigh_its_declared_name() -> None:
    head = (
        '<meta name="author" content="Harbour Gazette">'
        '<meta property="og:site_name" content="Harbour Gazette">'
    )
    byline = (
        '<div><span class="author-name">Harbour Gazette</span></div>'
        f"{STORY}"
        '<p>Contact <a href="/people/lois-lane">Lois Lane</a> for more.</p>'
    )
    doc = thresher.extract(page(head, f"<article><h1>Bridge Reopens</h1>{byline}</article>"))
    assert doc.authors == ("Lois Lane",)


def test_a_blog_owner_declared_as_a_person_and_an_organization_is_no_site_name() -> None:
    owner = {"@type": ["Person", "Organization"], "@id": "/#owner", "name": "Gabby Roe"}
    post = {
        "@type": "BlogPosting",
        "headline": "Budget Travel in Lisbon",
        "author": {"@type": "Person", "name": "Gabby Roe"},
        "publisher": {"@id": "/#owner"},
    }
    head = json_ld({"@graph": [owner, post]}) + '<meta property="og:site_name" content="Go Gabby">'
    byline = '<div class="byline">By <span class="author-name">Gabby Roe</span></div>'
    doc = thresher.extract(
        page(head, f"<article><h1>Budget Travel in Lisbon</h1>{byline}{STORY}</article>")
    )
    assert doc.authors == ("Gabby Roe",) and doc.sources["authors"] == "json-ld"
    offered = candidates_of(page(head, "<h1>Budget Travel in Lisbon</h1>"))["sitename"]
    assert [value for value, source in offered if source == "json-ld"] == []  # nor "/#owner"


def test_labelled_preview_data_names_the_writer_when_nothing_else_does() -> None:
    head = (
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Tyler Brown">'
        '<meta name="twitter:label2" content="Est. reading time">'
        '<meta name="twitter:data2" content="4 minutes">'
    )
    doc = thresher.extract(page(head, "<h1>Movers in San Francisco</h1>"))
    assert doc.authors == ("Tyler Brown",)
    assert doc.sources["authors"] == "labelled-meta"
    login = head.replace("Tyler Brown", "admin")
    assert thresher.extract(page(login, "<h1>Movers in San Francisco</h1>")).authors == ()


def test_malformed_json_ld_never_raises_and_warns() -> None:
    bad = '<script type="application/ld+json">{"@type": "Article", "headline": </script>'
    doc = thresher.extract(page(bad))
    assert any("JSON-LD" in warning for warning in doc.warnings)


def test_a_json_ld_block_too_long_to_read_is_named_as_such() -> None:
    body = " ".join(["word"] * 600_000)
    long = f'<script type="application/ld+json">{{"@type": "Article", "articleBody": "{body}"}}'
    short = '{"@type": "NewsArticle", "headline": "Council passes the budget"}'
    head = f'{long}</script><script type="application/ld+json">{short}</script>'
    doc = thresher.extract(page(head))
    assert any("longer than" in warning for warning in doc.warnings)
    assert not any("could not be read" in warning for warning in doc.warnings)
    assert doc.title == "Council passes the budget"


# -- meta tags, microdata, time, bylines, URL ---------------------------------------------------
def test_opengraph_and_meta_tags() -> None:
    head = (
        "<title>Bridge Reopens | Daily Planet</title>"
        '<meta property="og:title" content="Bridge Reopens">'
        '<meta property="og:site_name" content="Daily Planet">'
        '<meta property="article:published_time" content="2024-03-02T08:00:00Z">'
        '<meta name="author" content="Lois Lane">'
        '<meta name="description" content="The old bridge is open again.">'
        '<meta property="og:image" content="https://planet.example/b.jpg">'
        '<link rel="canonical" href="https://planet.example/bridge">'
        '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
    )
    doc = thresher.extract(page(head))
    assert doc.title == "Bridge Reopens"
    assert doc.sitename == "Daily Planet"
    assert doc.date_published == "2024-03-02T08:00:00+00:00"
    assert doc.authors == ("Lois Lane",)
    assert doc.description == "The old bridge is open again."
    assert doc.url == "https://planet.example/bridge"
    assert doc.image == "https://planet.example/b.jpg"
    assert doc.license == "https://creativecommons.org/licenses/by/4.0/"


def test_addresses_are_made_whole_and_a_canonical_link_home_is_passed_over() -> None:
    head = (
        '<link rel="canonical" href="https://planet.example/">'
        '<meta property="og:image" content="/img/bridge.jpg">'
    )
    deep = thresher.extract(page(head), url="https://planet.example/2024/03/bridge")
    assert deep.url == "https://planet.example/2024/03/bridge"  # not the home page
    assert deep.image == "https://planet.example/img/bridge.jpg"
    home = thresher.extract(page(head), url="https://planet.example/")
    assert home.url == "https://planet.example/" and home.sources["url"] == "link"
    # without the page's address the canonical link is the base; a stray value is no address
    assert thresher.extract(page(head)).image == "https://planet.example/img/bridge.jpg"
    stray = '<meta property="og:image" content="com.example.Image@1aa3b0b8">'
    assert thresher.extract(page(stray), url="https://planet.example/a").image is None
    # a page's own address in OpenGraph, written from the root or without its scheme
    for declared in ("/2024/03/bridge", "//planet.example/2024/03/bridge"):
        head = f'<meta property="og:url" content="{declared}">'
        doc = thresher.extract(page(head), url="https://planet.example/2024/03/bridge?ref=feed")
        assert doc.url == "https://planet.example/2024/03/bridge"
        assert doc.sources["url"] == "opengraph"


def test_a_site_name_that_opens_the_title_tag_is_told_by_the_host() -> None:
    head = "<title>Talkspace | #1 Rated Online Therapy</title>"
    doc = thresher.extract(page(head), url="https://www.talkspace.com/")
    assert doc.sitename == "Talkspace" and doc.sources["sitename"] == "title-tag"
    usual = "<title>Bridge Reopens | Daily Planet</title>"
    assert thresher.extract(page(usual), url="https://planet.example/b").sitename == "Daily Planet"
    # the host writes the name without its accents
    head = "<title>Cafés du Monde | Torréfaction artisanale</title>"
    doc = thresher.extract(page(head), url="https://www.cafesdumonde.fr/")
    assert doc.sitename == "Cafés du Monde"


@pytest.mark.parametrize(
    ("title_tag", "address", "expected"),
    [
        # the host spelt whole, by one of the name's words, by its initials
        ("Bridge Reopens | Daily Planet", "https://planet.example/b", None),
        (
            "Book Beat | Smart Bitches, Trashy Books",
            "https://smartbitchestrashybooks.example/b",
            None,
        ),
        ("Traits - The Rust Programming Language", "https://doc.rust-lang.example/ch10", None),
        (
            "Ladders | Occupational Safety and Health Administration",
            "https://www.osha.example/l",
            None,
        ),
        ("Defer | The Go Programming Language", "https://go.example/blog/defer", None),
        # a subtitle or a slogan closing the <title>: the host names the site better
        (
            "Payments | Global Payment Processing Platform",
            "https://stripe.example/payments",
            "stripe.example",
        ),
        (
            "Tech events 2026 – The Global Events Driving Innovation",
            "https://www.emit.example/t",
            "emit.example",
        ),
    ],
)
def test_a_title_tags_end_is_the_site_name_where_the_host_is_read_in_it(
    title_tag: str, address: str, expected: str | None
) -> None:
    doc = thresher.extract(page(f"<title>{title_tag}</title>"), url=address)
    name = expected or title_tag.rpartition(" | " if " | " in title_tag else " - ")[2]
    assert doc.sitename == name
    assert doc.sources["sitename"] == ("url" if expected else "title-tag")
    # declared by the page, or read without an address, the name is kept as it is
    slogan = "Payments | Global Payment Processing Platform"
    assert thresher.extract(page(f"<title>{slogan}</title>")).sitename.startswith("Global")
    declared = '<meta property="og:site_name" content="Hacker News">'
    assert (
        thresher.extract(page(declared), url="https://news.yc.example/").sitename == "Hacker News"
    )


def test_a_headline_closing_the_title_tag_is_no_site_name() -> None:
    # the site's name opens the <title>, the headline (the page's h1) closes it
    head = "<title>Common Crawl - Blog - March/April 2024 Newsletter</title>"
    body = "<article><h1>March/April 2024 Newsletter</h1>"
    address = "https://commoncrawl.org/blog/march-april-2024-newsletter"
    doc = thresher.extract(page(head, body + "</article>"), url=address)
    assert (doc.title, doc.sitename) == ("March/April 2024 Newsletter", "Common Crawl")
    # a book whose every page has its name in an h1: the host does not name the other end
    head = "<title>What is Ownership? - The Rust Programming Language</title>"
    body = (
        "<header><h1>The Rust Programming Language</h1></header><main><h2>What is Ownership?</h2>"
    )
    address = "https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html"
    doc = thresher.extract(page(head, body + "</main>"), url=address)
    assert doc.title == "What is Ownership?"


def test_tags_and_categories_are_what_readers_see() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Diet trends",
        "keywords": ["contentId: 15cd344d-456b", "hasProduct: true", "Diets", "Not Set"],
        "articleSection": ["Uncategorized", "Health &amp; Fitness", "https://x.example/blog/"],
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    doc = thresher.extract(page(head))
    assert doc.tags == ("Diets",)
    assert doc.categories == ("Health & Fitness",)
    # a list left with nothing gives way to the next source
    ld["keywords"] = ["locale: US", "displayType: listicle"]
    head = (
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<meta name="keywords" content="diet trends, food">'
    )
    assert thresher.extract(page(head)).tags == ("diet trends", "food")


def test_a_description_is_text_and_says_more_than_the_sites_name() -> None:
    markup = (
        "&lt;p&gt;I did &lt;a href=&quot;https://x.example&quot;&gt;Advent of Code&lt;/a&gt;"
        " again.&lt;/p&gt;"
    )
    doc = thresher.extract(page(f'<meta property="og:description" content="{markup}">'))
    assert doc.description == "I did Advent of Code again."
    element = "The &lt;table&gt; HTML element represents tabular data."
    doc = thresher.extract(page(f'<meta name="description" content="{element}">'))
    assert doc.description == "The <table> HTML element represents tabular data."
    head = (
        '<meta property="og:site_name" content="Glossier">'
        '<meta name="description" content="Glossier">'
    )
    doc = thresher.extract(page(head), url="https://www.glossier.example/about")
    assert doc.sitename == "Glossier" and doc.description is None
    assert "description" not in doc.sources
    assert any("only names the site" in warning for warning in doc.warnings)


@pytest.mark.parametrize(
    ("declared", "address", "expected"),
    [
        (
            "Urge Fitness | Affordable 24/7 Gyms Near Me",
            "https://www.urgefitness.com/",
            "Urge Fitness",
        ),
        ("Utne – Cure Ignorance", "https://www.utne.com/a", "Utne"),
        ("Hommés Studio | Modern Interior Design", "https://hommes.studio/", "Hommés Studio"),
        (
            "Online Courses and Certifications - Pluralsight",
            "https://www.pluralsight.com/",
            "Pluralsight",
        ),
        # an acronym the other part spells out, two names, and a name the host does not give
        ("NSF - U.S. National Science Foundation", "https://www.nsf.gov/", None),
        ("Gabriel Gonzalez - Cyber Security", "https://www.gabrielcybersecurity.com/", None),
        ("Morning Notes - Letters on the day's news", "https://example.org/", None),
        ("Acme Blog - Notes on building rockets", "https://blog.acme.example/", "Acme Blog"),
    ],
)
def test_a_declared_site_name_keeps_the_part_its_host_names(
    declared: str, address: str, expected: str | None
) -> None:
    head = f'<meta property="og:site_name" content="{declared}">'
    assert thresher.extract(page(head), url=address).sitename == (expected or declared)


def test_a_product_page_has_no_publication_date() -> None:
    head = '<meta property="article:published_time" content="2023-02-03T10:00:00Z">'
    built = read_page(page(head), DEFAULT_OPTIONS, time.monotonic() + 10)
    labels = label_blocks(built, DEFAULT_OPTIONS.threshold)
    dated = read_metadata(built, replace(labels, page_type="article"), None, "")
    assert dated.date_published == "2023-02-03T10:00:00+00:00"
    undated = read_metadata(built, replace(labels, page_type="product"), None, "")
    assert undated.date_published is None and "date_published" not in undated.sources


@pytest.mark.parametrize(
    "key",
    [
        "og:publish_date",
        "published_at",
        "w-published-date",
        "article:first_published_time",
        "publisheddate",
        "date-pub",
        "datecreated",
        "ms.date",
    ],
)
def test_a_publication_date_under_a_publishers_own_meta_name(key: str) -> None:
    candidates = candidates_of(page(f'<meta name="{key}" content="2025-05-27T06:03:43Z">'))
    assert ("2025-05-27T06:03:43Z", "meta") in candidates["date_published"]


@pytest.mark.parametrize(
    "key",
    ["cdc:last_published", "auto-publish", "article:publisher", "update.date", "dates", "mydate"],
)
def test_meta_names_near_publication_are_no_publication_date(key: str) -> None:
    candidates = candidates_of(page(f'<meta name="{key}" content="2025-05-27T06:03:43Z">'))
    assert not [source for _, source in candidates["date_published"] if source == "meta"]


def test_rel_author_link() -> None:
    body = '<p>Story by <a rel="author" href="/people/lane">Lois Lane</a></p>'
    assert thresher.extract(page("", body)).authors == ("Lois Lane",)


def test_authors_marked_on_a_listings_items_are_the_items_authors() -> None:
    items = "".join(
        f'<li><a href="/p/{n}">Post {n}</a> by <a rel="author" href="/u/{n}">{name}</a>'
        f'<span itemprop="author">{name}</span></li>'
        for n, name in enumerate(("Lois Lane", "Clark Kent"))
    )
    html = page("", f"<h1>Latest posts</h1><ul>{items}</ul>")
    sources = {
        kind: {s for _, s in candidates_of(html, kind)["authors"]}
        for kind in ("article", "listing")
    }
    assert {"rel-author", "microdata"} <= sources["article"]
    assert not sources["listing"] & {"rel-author", "microdata"}


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Published August 7, 2023 by Nicole Burke", ["Nicole Burke"]),
        ("Written by Moses Kim and Kate Shokurova", ["Moses Kim", "Kate Shokurova"]),
        ("September 1st, 2023 By Emily Norwood | News", ["Emily Norwood"]),
        ("Reviewed by Jane Doe", []),
        ("Photo by John Smith / Reuters", []),
        ("Powered by WordPress", []),
        ("Sort by Price", []),
        ("by the way, we went home", []),
        ("By\nSofia Gonzalez\nDecember 2, 2025", ["Sofia Gonzalez"]),
        ("Written by:Elise Nass", ["Elise Nass"]),
        ("By Workzone Team• 4 mins read", ["Workzone Team"]),
        ("ByDaryl Austin", ["Daryl Austin"]),
        ("Bypass Surgery Explained", []),
        ("Author: Jane Roe", ["Jane Roe"]),
        ("Contributors: Janet Loughrey", ["Janet Loughrey"]),
        ("Autor: Hans Meier", ["Hans Meier"]),
        ("Author: the city desk", []),
    ],
)
def test_names_after_by_in_unmarked_lines(line: str, names: list[str]) -> None:

    assert names_after_by(line) == names


def test_a_reading_list_under_the_headline_names_no_author() -> None:
    works = "".join(
        f"<li>{title} by {names} (JMLR, 2003)</li>"
        for title, names in (
            ("Latent Dirichlet Allocation", "David M. Blei, Andrew Y. Ng, and Michael I. Jordan"),
            ("Reading Tea Leaves", "Jonathan Chang and Sean Gerrish"),
        )
    )
    assert above_a_story(f"<p>Papers to start with:</p><ul>{works}</ul>").authors == ()
    # one list item with a "by" is the byline of a template that lists the post's details
    details = "<ul><li>March 3, 2026</li><li>by Lois Lane</li></ul>"
    assert above_a_story(details).authors == ("Lois Lane",)


def test_inline_author_mark_near_the_headline() -> None:
    body = (
        "<article><h1>Bridge Reopens After Two Years</h1>"
        '<div class="meta">Words: <span class="author-name">Lois Lane</span>, staff</div>'
        "</article>"
    )
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", body))
    assert doc.authors == ("Lois Lane",) and doc.sources["authors"] == "byline-span"


def test_handle_in_a_marked_byline_span() -> None:
    """A one-word handle counts after "Posted by" in an inline byline mark; unmarked, a lone
    capitalised word after "by" is as often a place or a section."""
    line = (
        '<div>{open}Posted by <a href="https://social.example/in/jdoe/">jdoe</a> on Friday '
        "December 19, 2025 @08:00PM{close} from the job-market dept.</div>"
    )
    marked = line.format(open='<span class="story-byline">', close="</span>")
    body = f"<article><h1>Bridge Reopens After Two Years</h1>{marked}</article>"
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", body))
    assert doc.authors == ("jdoe",) and doc.sources["authors"] == "byline-span"
    unmarked = body.replace(marked, line.format(open="", close=""))
    assert (
        thresher.extract(page("<title>Bridge Reopens After Two Years</title>", unmarked)).authors
        == ()
    )


@pytest.mark.parametrize(
    ("text", "address", "names"),
    [
        ("Trevor Jackins", "/authors/trevor-jackins", ["Trevor Jackins"]),
        ("Moses Kim and Kate Shokurova", "/blog/author/moses-kim-and-kate-shokurova", None),
        ("Zoë Müller", "https://x.de/autor/zoe-muller-12/", ["Zoë Müller"]),
        ("More stories", "/author/jane-roe", []),
        ("Jane Roe", "/author/someone-else", []),
        ("Jane Roe", "/news/jane-roe", []),
        ("filippo.example.org", "/people/filippo-example-org", []),
        ("Rui Ma", "/report/author/ruima/", ["Rui Ma"]),  # the words run together
        ("Heba Ledwon", "/report/author/heba/", ["Heba Ledwon"]),  # the given name alone
        ("Team Tiger Data", "/author/team", []),
        ("The Upwork Team", "/authors/upwork-staff", ["The Upwork Team"]),
        ("Heba", "/author/heba-ledwon", ["Heba"]),
    ],
)
def test_profile_links_name_their_author(text: str, address: str, names: list | None) -> None:
    from thresher.metadata.authors import names_of_profile_link

    expected = names if names is not None else ["Moses Kim", "Kate Shokurova"]
    assert names_of_profile_link(text, address) == expected


def test_author_from_a_profile_link_and_from_a_split_byline() -> None:
    linked = (
        "<article><h1>Bridge Reopens After Two Years</h1>"
        '<div><a href="/authors/lois-lane">Lois Lane</a> · 4 min read</div></article>'
    )
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", linked))
    assert doc.authors == ("Lois Lane",) and doc.sources["authors"] == "author-link"
    # the link around the writer's photo and name
    photo = linked.replace(
        '<a href="/authors/lois-lane">Lois Lane</a>',
        '<a href="/authors/lois-lane"><figure><img src="/lois.png" alt=""></figure>'
        "<span>Lois Lane</span></a>",
    )
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", photo))
    assert doc.authors == ("Lois Lane",) and doc.sources["authors"] == "author-link"
    split = (
        "<article><h1>Bridge Reopens After Two Years</h1>"
        "<div><p>Written by</p><p>Lois Lane</p></div></article>"
    )
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", split))
    assert doc.authors == ("Lois Lane",) and doc.sources["authors"] == "byline"


def test_the_profile_links_of_one_byline_are_its_co_authors_up_to_a_reviewer() -> None:
    title = "<title>Bridge Reopens After Two Years</title>"
    byline = (
        '<div>Written by <a href="/authors/lois-lane">Lois Lane</a>, city desk, and '
        '<a href="/authors/jimmy-olsen">Jimmy Olsen</a>, photographer at large.</div>'
    )
    doc = thresher.extract(
        page(title, f"<article><h1>Bridge Reopens</h1>{byline}{STORY}</article>")
    )
    assert doc.authors == ("Lois Lane", "Jimmy Olsen")
    reviewed = (
        '<div>By <a href="/authors/lois-lane">Lois Lane</a>. Reviewed by '
        '<a href="/authors/perry-white">Perry White</a></div>'
    )
    doc = thresher.extract(
        page(title, f"<article><h1>Bridge Reopens</h1>{reviewed}{STORY}</article>")
    )
    assert doc.authors == ("Lois Lane",)


def test_a_byline_naming_more_writers_than_the_markup_declares_names_them_all() -> None:
    head = '<title>Free Certificates</title><meta name="author" content="Rui Ma">'
    byline = (
        '<div><a href="/author/ruima/">Rui Ma</a>, <a href="/author/heba/">Heba Ledwon</a> '
        '&amp; <a href="/author/suparn/">Suparn Patra</a></div>'
    )
    boxes = "".join(
        f'<div class="author-bio"><h3><a href="/author/{slug}/">{name}</a></h3>'
        f"<p>{name} writes about online courses.</p></div>"
        for slug, name in (("heba", "Heba Ledwon"), ("suparn", "Suparn Patra"))
    )

    def authors(byline: str, boxes: str = boxes) -> tuple[str, ...]:
        article = f"<article><h1>Free Certificates</h1>{byline}{STORY}{boxes}</article>"
        return thresher.extract(page(head, article)).authors

    assert authors(byline) == ("Rui Ma", "Heba Ledwon", "Suparn Patra")
    # "Dr Jane Roe" in the byline is the "Jane Roe" the markup declares
    written = "<div>Written by Dr Rui Ma, Heba Ledwon and Suparn Patra</div>"
    assert authors(written) == ("Dr Rui Ma", "Heba Ledwon", "Suparn Patra")
    # names nowhere shown on their own are a byline's other parts: a job title, the site
    assert authors("<div>By Rui Ma, Senior Analyst, Class Central</div>", "") == ("Rui Ma",)


def test_a_names_particles_do_not_make_it_too_long_to_be_a_name() -> None:
    assert names_after_by("Written by Dr Marna van der Merwe, Erik van Vulpen") == [
        "Dr Marna van der Merwe",
        "Erik van Vulpen",
    ]
    assert names_after_by("By Giving Every Child A Chance To Learn") == []


def test_each_name_listed_under_an_authors_label_is_an_author() -> None:
    listed = (
        "<h6>Author(s)</h6><ul><li><a href='/library/?a=1'>John A. Alic</a></li>"
        "<li><a href='/library/?a=2'>David C. Mowery</a></li></ul>"
    )
    body = f"<article><h1>Lessons for Climate Policy</h1>{listed}{STORY}</article>"
    doc = thresher.extract(page("<title>Lessons for Climate Policy</title>", body))
    assert doc.authors == ("John A. Alic", "David C. Mowery")


def test_a_writers_bio_under_the_article_names_its_author() -> None:
    bio = "<p><em>Julia Roe is a freelance travel writer and editor based in Oslo.</em></p>"
    body = f"<article><h1>Ten Hotel Hacks</h1>{STORY}{bio}</article>"
    doc = thresher.extract(page("<title>Ten Hotel Hacks</title>", body))
    assert doc.authors == ("Julia Roe",) and doc.sources["authors"] == "bio-line"
    # a person the story is about is no writer
    about = "<p>Julia Roe is a hotel manager in Oslo, and she loves her job.</p>"
    body = f"<article><h1>Ten Hotel Hacks</h1>{STORY}{about}</article>"
    assert thresher.extract(page("<title>Ten Hotel Hacks</title>", body)).authors == ()


def test_an_author_box_far_below_the_headline() -> None:
    body = (
        f"<article><h1>Bridge Reopens After Two Years</h1>{STORY}"
        "<div><h3>Written by Lois Lane</h3><p>Lois covers the city.</p></div></article>"
    )
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", body))
    assert doc.authors == ("Lois Lane",) and doc.sources["authors"] == "written-by"


def test_a_one_word_handle_after_by_on_a_line_of_its_own_or_in_a_byline() -> None:

    assert names_after_by("by ibby", handles=True) == ["ibby"]
    assert names_after_by("by ibby") == []
    story = f"<article><h1>Design Awards Announced</h1><p>by ibby</p>{STORY}</article>"
    assert thresher.extract(page("", story)).authors == ("ibby",)
    marked = story.replace("<p>by ibby</p>", '<p class="byline">Posted by jroe on Friday</p>')
    assert thresher.extract(page("", marked)).authors == ("jroe",)
    unmarked = marked.replace(' class="byline"', "")
    assert thresher.extract(page("", unmarked)).authors == ()


def below_a_story(box: str) -> thresher.Document:
    """A long article under its headline, with ``box`` after its text."""
    headline = "Bridge Reopens After Two Years"
    body = f"<article><h1>{headline}</h1>{STORY}{box}</article>"
    return thresher.extract(page(f"<title>{headline}</title>", body))


def test_an_author_box_whose_bio_begins_with_the_name() -> None:
    bio = "<p>Lois Lane is a reporter who has covered the city council since 2015.</p>"
    box = f'<div class="author-box"><div class="author-name">Lois Lane</div>{bio}</div>'
    doc = below_a_story(box)
    assert doc.authors == ("Lois Lane",) and doc.sources["authors"] == "author-box"
    assert below_a_story(box.replace("<p>Lois Lane is", "<p>She is")).authors == ()
    # unmarked, the bio must say the name is a writer's ("a reporter"; see bio-line)
    unmarked = box.replace(' class="author-box"', "").replace(' class="author-name"', "")
    assert below_a_story(unmarked).sources.get("authors") == "bio-line"
    councillor = unmarked.replace("a reporter who has covered", "a councillor who has sat on")
    assert below_a_story(councillor).authors == ()


def test_an_author_box_whose_bio_begins_with_the_given_name() -> None:
    bio = "<p>Lois has covered the city council for ten years.</p>"
    box = f'<div class="author-box"><h4 class="author-name">Lois Lane</h4>{bio}</div>'
    assert below_a_story(box).authors == ("Lois Lane",)
    # the first word alone is no bio's opening without a verb after it: "Lois Lane's desk"
    assert below_a_story(box.replace("Lois has covered", "Lois Street is")).authors == ()
    assert below_a_story(box.replace("Lois has", "Loisette has")).authors == ()


def test_about_the_author_names_whom_the_bio_opens_with() -> None:
    bio = "<p>About the Author:</p><p>Juliette Roe is a writer with five years of experience.</p>"
    doc = below_a_story(bio)
    assert doc.authors == ("Juliette Roe",) and doc.sources["authors"] == "author-box"
    assert below_a_story(bio.replace("Juliette Roe is", "She is")).authors == ()


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Dec. 19, 2025 · Jane Roe<br>on behalf of the docs team", ("Jane Roe",)),
        ("<span>Dec 17, 2025</span><span>Jane K. Roe</span>", ("Jane K. Roe",)),
        ("Dec 3, 2025 · Technology", ()),
    ],
)
def test_a_name_among_the_parts_of_a_marked_byline(byline: str, names: tuple) -> None:
    body = f'<article><h1>Rust in 2026</h1><div class="post-byline">{byline}</div>{STORY}</article>'
    assert thresher.extract(page("<title>Rust in 2026</title>", body)).authors == names


def above_a_story(lines: str) -> thresher.Document:
    """A long article whose headline is followed by ``lines``."""
    headline = "Bridge Reopens After Two Years"
    body = f"<article><h1>{headline}</h1>{lines}{STORY}</article>"
    return thresher.extract(page(f"<title>{headline}</title>", body))


def test_the_page_outvotes_a_declared_author_it_never_shows() -> None:
    """A CMS account declared as the author loses to a name that the byline and the author
    box agree on; it keeps its place when a byline shows it too, or when one line alone names
    someone else."""
    headline = "Bridge Reopens After Two Years"
    byline = "<p>By Lois Lane</p>"
    box = (
        '<div class="author-box"><div class="author-name">Lois Lane</div>'
        "<p>Lois Lane is a reporter who covers the city council.</p></div>"
    )

    def story(declared: str, above: str, below: str) -> thresher.Document:
        head = f'<title>{headline}</title><meta name="author" content="{declared}">'
        body = f"<article><h1>{headline}</h1>{above}{STORY}{below}</article>"
        return thresher.extract(page(head, body))

    doc = story("Mark Webber", byline, box)
    assert doc.authors == ("Lois Lane",) and doc.sources["authors"] == "by-phrase"
    # the byline shows the declared writer: the box and a "Written by" line do not outvote it
    shown = story("Mark Webber", "<p>By Mark Webber</p>", box + "<p>Written by Lois Lane</p>")
    assert shown.authors == ("Mark Webber",)
    assert story("Mark Webber", byline, "").authors == ("Mark Webber",)


def test_an_unmarked_name_beside_a_date_under_the_headline_is_the_byline() -> None:
    doc = above_a_story("<div>Lois Lane</div><div>March 3, 2026</div>")
    assert doc.authors == ("Lois Lane",) and doc.sources["authors"] == "name-line"
    assert above_a_story("<div>March 3, 2026</div><div>Lois Lane</div>").authors == ("Lois Lane",)
    # without the date beside it, a capitalised line is as often a section or a kicker
    assert above_a_story("<div>Lois Lane</div><p>Updates</p>").authors == ()
    assert above_a_story("<div>City Council Notes</div><p>Updates</p>").authors == ()
    # and a name has no digits or exclamation marks
    assert above_a_story("<div>Link Copied!</div><div>March 3, 2026</div>").authors == ()


def test_a_byline_under_a_headline_that_is_no_h1_nor_the_title() -> None:
    menu = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(30))
    body = (
        f"<nav><ul>{menu}</ul></nav><main><h2>Why the Bridge Closed Twice</h2>"
        '<div class="post-author-details"><p>Lois Lane</p><small>March 3, 2026</small></div>'
        f"{STORY}</main>"
    )
    doc = thresher.extract(page("<title>Bridge news | Daily Planet</title>", body))
    assert doc.authors == ("Lois Lane",)
    assert doc.date_published == "2026-03-03"


def test_a_mark_on_the_whole_article_does_not_make_its_lines_bylines() -> None:
    def story(byline: str) -> thresher.Document:
        body = (
            '<div class="post author-jroe"><div><div><div><div><article>'
            f"<h1>Companion Planting</h1>{byline}<p>Our garden needs no sprays.</p>"
            f"<h2>Using Flowers</h2><p>Marigolds keep beetles away.</p>{STORY}"
            "</article></div></div></div></div></div>"
        )
        return thresher.extract(page("<title>Companion Planting</title>", body))

    assert story("").authors == ()
    assert story('<p class="byline">Jane Roe</p>').authors == ("Jane Roe",)


@pytest.mark.parametrize("label", ["Author:", "Written by", "Article by"])
def test_a_labelled_author_name_far_below_the_headline(label: str) -> None:
    box = f'<div><p>{label}</p><div class="post-author-name">Lois Lane</div></div>'
    doc = below_a_story(box)
    assert doc.authors == ("Lois Lane",) and doc.sources["authors"] == "written-by"
    # unmarked, the line after the label must be a whole name
    unmarked = box.replace(' class="post-author-name"', "")
    assert below_a_story(unmarked).authors == ("Lois Lane",)
    assert below_a_story(unmarked.replace("Lois Lane", "our city desk")).authors == ()
    # and a bare "By" says too little to name an unmarked line
    assert below_a_story(unmarked.replace(label, "By")).authors == ()


def test_an_author_box_in_a_side_column_says_who_wrote_it() -> None:
    body = (
        f"<article><h1>Bridge Reopens After Two Years</h1>{STORY}</article>"
        '<div class="sidebar author-box"><p>This post was written by Lois Lane, '
        "who covers the city.</p></div>"
    )
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", body))
    assert doc.authors == ("Lois Lane",) and doc.sources["authors"] == "written-by"


def test_microdata_person_stands_for_its_name() -> None:
    body = (
        '<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">KumikoGoingCrAzY</span> <span>15.9k</span> '
        "<span>1 silver badge</span></div>"
    )
    assert thresher.extract(page("", body)).authors == ("KumikoGoingCrAzY",)


def test_unmarked_byline_on_an_article() -> None:
    body = (
        "<article><h1>Bridge Reopens After Two Years</h1>"
        "<div><span>March 2, 2024 by Lois Lane</span></div></article>"
    )
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", body))
    assert doc.authors == ("Lois Lane",) and doc.sources["authors"] == "by-phrase"


def test_visible_byline_and_dateline_and_time_element() -> None:
    body = (
        "<article><h1>Bridge Reopens After Two Years</h1>"
        '<p class="byline">By Lois Lane</p>'
        '<time datetime="2024-03-02">March 2, 2024</time>'
        "</article>"
    )
    head = "<title>Bridge Reopens After Two Years - Daily Planet</title>"
    doc = thresher.extract(page(head, body))
    assert doc.title == "Bridge Reopens After Two Years"
    assert doc.authors == ("Lois Lane",)
    assert doc.date_published == "2024-03-02"


@pytest.mark.parametrize(
    ("tag", "stamp"),
    [
        ("relative-time", "datetime"),
        ("local-time", "datetime"),
        ("time-ago", "ts"),
        ("lit-timestamp", "publishdate"),
    ],
)
def test_a_time_custom_element_dates_the_page_as_a_time_element_would(tag: str, stamp: str) -> None:
    # GitHub's and Microsoft Learn's components show "2 years ago" and keep the stamp in
    # datetime; other "timeago" and "timestamp" components in an attribute of their own
    body = (
        "<article><h1>Bridge Reopens After Two Years</h1>"
        f'<p class="byline">By Lois Lane, <{tag} class="x" {stamp}="2024-03-02T10:00:00Z">'
        f"2 years ago</{tag}></p>{STORY}</article>"
    )
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", body))
    assert doc.date_published == "2024-03-02T10:00:00+00:00"
    assert doc.sources["date_published"] == "time-element"


def test_a_custom_element_named_for_a_time_without_a_stamp_dates_nothing() -> None:
    # a "5 min read" component is no date, whatever its attributes hold
    body = (
        "<article><h1>Bridge Reopens After Two Years</h1>"
        '<p class="byline">By Lois Lane <pfe-readtime for="#story" data-n="2024-99">'
        f"5 min read</pfe-readtime></p>{STORY}</article>"
    )
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", body))
    assert doc.date_published is None


def test_a_visible_update_line_gives_the_modification_date() -> None:
    doc = above_a_story('<p class="byline">March 3, 2024 · Last updated: May 2, 2025</p>')
    assert doc.date_modified == "2025-05-02" and doc.sources["date_modified"] == "byline"
    assert doc.date_published == "2024-03-03"
    # a line that names no update dates nothing but the publication
    assert above_a_story('<p class="byline">March 3, 2024</p>').date_modified is None
    # nor one whose words after "updated" hold no date, and it warns of nothing discarded
    undated = above_a_story("<p>March 3, 2024 · Privacy policy last updated · Legal</p>")
    assert undated.date_modified is None and not undated.warnings
    # the markup's own declaration comes first
    declared = '<meta property="article:modified_time" content="2025-06-01T08:00:00Z">'
    body = '<article><h1>Bridge Reopens</h1><p class="byline">Updated May 2, 2025</p>'
    doc = thresher.extract(page(f"<title>Bridge Reopens</title>{declared}", body + STORY))
    assert doc.date_modified == "2025-06-01T08:00:00+00:00"


def test_comment_dates_are_not_the_publication_date() -> None:
    body = (
        "<h1>Bridge Reopens</h1>"
        '<div class="comments"><time datetime="2025-01-01">New Year</time></div>'
    )
    doc = thresher.extract(page("<title>Bridge Reopens</title>", body))
    assert doc.date_published is None


def test_a_lone_date_line_far_below_the_headline() -> None:
    dateline = "<p>Posted on April 13, 2023</p>"
    body = f"<article><h1>Bridge Reopens After Two Years</h1>{STORY}{dateline}</article>"
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", body))
    assert doc.page_type == "article"
    assert doc.date_published == "2023-04-13" and doc.sources["date_published"] == "lone-date"


def test_many_dated_lines_date_no_page() -> None:
    items = "".join(
        f"<li><a href='/e/{day}'>Council meeting number {day}</a><p>March {day}, 2024</p></li>"
        for day in range(1, 9)
    )
    body = f"<article><h1>Bridge Reopens After Two Years</h1>{STORY}<ul>{items}</ul></article>"
    doc = thresher.extract(page("<title>Bridge Reopens After Two Years</title>", body))
    assert doc.date_published is None


def test_dates_in_the_body_of_a_listing_are_its_items_dates() -> None:
    head = '<meta property="article:published_time" content="2024-03-01T09:00:00Z">'
    body = (
        "<h1>Upcoming events</h1><p>Posted March 2, 2024</p>"
        '<ul><li>Harbour fair <time datetime="2024-03-09">March 9</time></li></ul>'
    )
    offered = {
        kind: candidates_of(page(head, body), kind)["date_published"]
        for kind in ("article", "listing")
    }
    sources = {kind: {source for _, source in found} for kind, found in offered.items()}
    assert {"opengraph", "time-element", "dateline"} <= sources["article"]
    # what the page declares for itself still dates it
    assert sources["listing"] == {"opengraph"}


def thread(days: list[int]) -> str:
    posts = "".join(
        f'<div class="post"><span class="username">member{n}</span>'
        f'<time datetime="2005-07-{day:02d}T00:57:00">7/{day}/05</time>'
        f"<p>Reply {n}: I cater with a smoker too, and the brisket holds well.</p></div>"
        for n, day in enumerate(days)
    )
    return page("<title>Catering tips</title>", f"<h1>Catering tips</h1>{posts}")


def test_a_threads_first_post_dates_it() -> None:
    html = thread([10, 11, 12])
    offered = {kind: candidates_of(html, kind) for kind in ("forum", "article")}
    assert ("2005-07-10T00:57:00", "first-post") in offered["forum"]["date_published"]
    assert all(source != "first-post" for _, source in offered["article"]["date_published"])
    # listed newest first, the thread still starts with its earliest post
    newest_first = candidates_of(thread([12, 11, 10]), "forum")["date_published"]
    assert ("2005-07-10T00:57:00", "first-post") in newest_first


def test_a_threads_first_poster_named_in_a_span_or_in_a_heading() -> None:
    in_spans = candidates_of(thread([10, 11, 12]), "forum")["authors"]
    assert (["member0"], "first-poster") in in_spans
    headed = thread([10, 11, 12]).replace('<span class="username">', '<h3 class="username">')
    headed = headed.replace("</span>", "</h3>")
    assert (["member0"], "first-poster") in candidates_of(headed, "forum")["authors"]
    # a heading that is no poster's mark names nobody
    plain = headed.replace(' class="username"', "")
    assert all(source != "first-poster" for _, source in candidates_of(plain, "forum")["authors"])


def test_a_posters_forum_rank_is_no_name() -> None:
    # a template that marks each poster's rank as a member's ("h-member-title"), not the name
    ranked = thread([10, 11, 12]).replace(
        '<span class="username">', '<span class="member-title">Junior Member</span> <span>'
    )
    offered = candidates_of(ranked, "forum")["authors"]
    assert not any("Junior Member" in names for names, _ in offered)
    assert clean_names(["Member"]) == [] and clean_names(["Former Member"]) == ["Former Member"]


def test_a_members_join_date_beside_a_post_dates_no_thread() -> None:
    card = "<div class='postprofile'><div>Founded: Dec 11, 2021</div></div>"
    post = "<p class='author'>by jroe » Tue Aug 27, 2019 1:47 am</p>"
    html = page("<title>Catering tips</title>", f"<h1>Catering tips</h1>{card}{post}")
    offered = [parse_date(value) for value, _ in candidates_of(html, "forum")["date_published"]]
    assert "2019-08-27T01:47:00" in offered
    assert not any(day and day.startswith("2021-12-11") for day in offered)


@pytest.mark.parametrize(
    "label",
    [
        "Joined",
        "Member since",
        "Registered",
        "Registriert",
        "Регистрация",
        "登録日",
        "تاريخ التسجيل",
        "הצטרף",
        "Tham gia",
        "Εγγραφή",
        "สมัครเมื่อ",
    ],
)
def test_a_members_join_date_set_apart_from_its_label_dates_no_thread(label: str) -> None:
    # XenForo's member card: the label in a <dt>, the date alone in its <dd>
    card = f"<dl class='pairs'><dt>{label}</dt><dd>Nov 4, 2011</dd></dl>"
    post = "<p class='author'>by jroe » Tue Aug 27, 2019 1:47 am</p>"
    html = page("<title>Catering tips</title>", f"<h1>Catering tips</h1>{card}{post}")
    offered = [parse_date(value) for value, _ in candidates_of(html, "forum")["date_published"]]
    assert "2019-08-27T01:47:00" in offered
    assert not any(day and day.startswith("2011-11-04") for day in offered)


def test_either_way_round_dates_take_the_order_the_page_confirms() -> None:
    assert other_reading("03-09-2026") == "2026-03-09"  # parse_date reads day first
    assert other_reading("13-09-2026") is None and other_reading("2026-03-09") is None
    head = '<meta property="article:published_time" content="03-09-2026">'
    body = "<article><h1>Fasting, explained</h1><div>Published March 9, 2026</div></article>"
    doc = thresher.extract(page(head + "<title>Fasting, explained</title>", body))
    assert doc.date_published == "2026-03-09"


@pytest.mark.parametrize(
    ("lang", "title_tag", "headline"),
    [
        ("zh", "朝鲜能在多大程度上帮助俄罗斯？_新浪新闻", "朝鲜能在多大程度上帮助俄罗斯？"),
        ("zh", "朝鲜能在多大程度上帮助俄罗斯？-新浪新闻", "朝鲜能在多大程度上帮助俄罗斯？"),
        ("ja", "北朝鮮はロシアをどう助けるか｜日本経済新聞", "北朝鮮はロシアをどう助けるか"),
    ],
)
def test_a_title_tags_separator_without_spaces_parts_a_cjk_title(
    lang: str, title_tag: str, headline: str
) -> None:
    """Chinese and Japanese sites join the headline and the site's name without spaces, by
    "_", a dash or a full-width bar: the whole <title> came out as the page's title."""
    body = "<p>" + "明天北京天气晴朗温暖，适合外出活动。这是一个测试段落。" * 8 + "</p>"
    html = (
        f'<html lang="{lang}"><head><title>{title_tag}</title></head>'
        f"<body><article>{body * 3}</article></body></html>"
    )
    assert thresher.extract(html).title == headline


@pytest.mark.parametrize(
    ("title_tag", "headline", "site"),
    [
        (
            "Key Case (Snow White - Limited) | Urahara Shop",
            "Key Case (Snow White - Limited)",
            "Urahara Shop",
        ),
        # a shop's product name in full-width brackets, no site's name after it
        ("カラビナ ブルー ヘッドポーター限定（KARABINER BLUE - HEADPORTER）", None, None),
        (
            "The Road [2006 | Cormac McCarthy] - Book Club",
            "The Road [2006 | Cormac McCarthy]",
            "Book Club",
        ),
    ],
)
def test_a_separator_inside_brackets_belongs_to_the_headline(
    title_tag: str, headline: str | None, site: str | None
) -> None:
    """The <title> is parted at separators outside brackets only: a shop's product page
    in a Common Crawl sample came out as 'カラビナ ブルー ヘッドポーター限定（KARABINER BLUE',
    its bracket left open, and 'HEADPORTER）' was offered as its site's name."""
    body = (
        "<p>This key case is made of nylon and holds four keys; it comes in white with a red "
        "lining and ships within two days of the order, wrapped in paper.</p>"
    )
    html = (
        f"<html><head><title>{title_tag}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<main>{body * 3}</main></body></html>"
    )
    assert thresher.extract(html, url="https://shop.example.com/item/1").title == (
        headline or title_tag
    )
    assert candidates_of(html)["sitename"] == ([(site, "title-tag")] if site else [])


def test_title_parts_keep_what_brackets_hold() -> None:
    separators = re.compile(r"\s+[|\-–—]\s+")
    assert split_title(separators, "a (b - c) - d [e | f] | g") == ["a (b - c)", "d [e | f]", "g"]
    # a bracket that never closes, or closes with another kind, holds nothing
    assert split_title(separators, "a (b - c] - d") == ["a (b", "c]", "d"]
    assert split_title(separators, "Headline (video - Site") == ["Headline (video", "Site"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "2024-03-05"),
        ("de-DE", "2024-03-05"),
        ("en-GB", "2024-03-05"),
        ("en-US", "2024-05-03"),
        ("en", "2024-05-03"),  # English without a region: read the American way, as before
        (None, "2024-05-03"),
    ],
)
def test_slashed_dates_read_the_day_first_where_the_pages_language_does(
    lang: str | None, expected: str
) -> None:
    declared = f' lang="{lang}"' if lang else ""
    html = (
        f"<html{declared}><body><article><h1>The headline of the story</h1>"
        '<p class="meta">05/03/2024</p>'
        + "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod. </p>" * 8
        + "</article></body></html>"
    )
    assert thresher.extract(html).date_published == expected


def test_only_a_slashed_date_turns_its_day_first() -> None:
    assert parse_shown_date("05/03/2024 14:12", True) == "2024-03-05T14:12:00"
    assert parse_shown_date("05/03/2024", False) == "2024-05-03"
    # a date with dashes or dots is read day first already; a slash elsewhere in the line
    # turns nothing
    assert parse_shown_date("05-03-2024 / 3 comments", True) == "2024-03-05"
    assert parse_shown_date("05.03.2024", True) == "2024-03-05"
    assert parse_shown_date("13/03/2024", True) == "2024-03-13"


def test_a_firm_date_elsewhere_settles_a_slashed_date_whatever_the_language() -> None:
    head = '<meta property="article:published_time" content="2024-05-03">'
    body = '<article><h1>Headline</h1><p class="meta">05/03/2024</p></article>'
    assert thresher.extract(page(head, body, lang="fr")).date_published == "2024-05-03"


def test_titles_lose_invisible_format_characters() -> None:
    head = "<title>\u202aGeoffrey Hinton\u202c - Scholar</title>"
    body = "<h1>Geoffrey\u00ad Hinton\u200b</h1>"
    assert thresher.extract(page(head, body)).title == "Geoffrey Hinton"


def test_titles_lose_a_permalink_sign_but_not_a_hash_of_their_own() -> None:
    linked = '<h1>Ansible playbooks<a class="headerlink" href="#top">\uf0c1</a></h1>'
    assert thresher.extract(page("<title>Ansible playbooks</title>", linked)).title == (
        "Ansible playbooks"
    )
    assert thresher.extract(page("<title>Learn C#</title>", "<h1>Learn C#</h1>")).title == (
        "Learn C#"
    )


def test_titles_lose_markup_that_leaked_into_them_as_text() -> None:
    emphasised = '<meta property="og:title" content="*A Treatise on Coffee (1792)*">'
    assert thresher.extract(page(emphasised)).title == "A Treatise on Coffee (1792)"
    heading = '<meta property="og:title" content="## Regolith Binding Agents">'
    assert thresher.extract(page(heading)).title == "Regolith Binding Agents"
    empty_brackets = '<meta property="og:title" content="Decorating Clips, 40-Clips ()">'
    assert thresher.extract(page(empty_brackets)).title == "Decorating Clips, 40-Clips"
    kept = '<meta property="og:title" content="Why *not* C# (2024)">'
    assert thresher.extract(page(kept)).title == "Why *not* C# (2024)"
    # separators a template left where a part of the title was empty
    assert thresher.extract(page("<title>, , Rider statistics</title>")).title == (
        "Rider statistics"
    )
    assert thresher.extract(page("<title>Rock & Roll Hall -</title>")).title == "Rock & Roll Hall"


def test_title_candidates_are_few_however_many_the_page_offers() -> None:
    # Every candidate is compared with every other: thousands would take minutes.
    parts = " | ".join(f"Section {i}" for i in range(3000))
    html = page(f"<title>Atlas of Rivers | {parts}</title>", "<h1>Atlas of Rivers</h1>" * 3000)
    parsed = read_page(html, DEFAULT_OPTIONS, time.monotonic() + 10)
    labels = label_blocks(parsed, DEFAULT_OPTIONS.threshold)
    sources = Counter(c.source for c in title_candidates(parsed, labels, []))
    assert sources["title-part"] == 12 and max(sources.values()) <= 12
    assert thresher.extract(html).title == "Atlas of Rivers"


def test_conflicts_follow_measured_reliability() -> None:
    # The URL's date is right more often than JSON-LD's on the development set.
    ld = (
        '<script type="application/ld+json">'
        '{"@type": "Article", "datePublished": "2024-03-03T02:00:00Z"}</script>'
    )
    doc = thresher.extract(page(ld), url="https://planet.example/2024/03/02/bridge")
    assert doc.date_published == "2024-03-02" and doc.sources["date_published"] == "url"


def test_nonsense_values_become_none() -> None:
    head = (
        '<meta property="og:title" content="https://planet.example/a-page">'
        '<meta property="article:published_time" content="2008-10-294">'
        f'<meta name="author" content="{"Lorem " * 2000}">'
    )
    doc = thresher.extract(page(head))
    assert doc.title is None or not doc.title.startswith("http")
    assert doc.date_published is None
    assert doc.authors == ()
    assert any("discarded" in warning for warning in doc.warnings)


def test_an_image_file_name_with_spaces_is_an_address_a_sentence_is_not() -> None:
    head = '<meta property="og:image" content="https://planet.example/files/Bridge at dusk.jpg">'
    doc = thresher.extract(page(head, "<h1>Bridge Reopens</h1>"))
    assert doc.image == "https://planet.example/files/Bridge%20at%20dusk.jpg"
    head = '<meta property="og:image" content="https://planet.example/a.jpg and our logo">'
    assert thresher.extract(page(head, "<h1>Bridge Reopens</h1>")).image is None


def test_empty_declarations_are_skipped_without_a_warning() -> None:
    ld = (
        '<script type="application/ld+json">'
        '{"@type": "Article", "author": {"name": ""}, "keywords": [""]}</script>'
        '<meta name="author" content="  ">'
    )
    doc = thresher.extract(page(ld, "<h1>Bridge Reopens</h1><p>By Lois Lane</p>"))
    assert doc.authors == ("Lois Lane",)
    assert not any("discarded" in warning for warning in doc.warnings)


# -- language ---------------------------------------------------------------------------------
def test_language_declared_and_checked() -> None:
    assert choose_language("en-US", PROSE)[0] == "en"
    german = "Der Ausschuss hat sich am Dienstag getroffen, um den neuen Haushalt für das " * 4
    code, confidence, source = choose_language("en", german)
    assert (code, source) == ("de", "detected") and confidence > 0.5
    assert detect("これは日本語のテキストです。ひらがなとカタカナ。")[0] == "ja"
    assert choose_language(None, "")[0] is None


# Sentences written for these tests, one language each.
WRITTEN_IN = {
    "uk": "Київ є столицею України. Місто розташоване на річці Дніпро, і щороку його "
    "відвідують тисячі туристів.",
    "bg": "София е столицата на България. Градът се намира в подножието на планината Витоша. "
    "Първият университет в страната е основан тук.",
    "ru": "Москва является столицей России. Этот город расположен на реке, и каждый год его "
    "посещают миллионы туристов.",
    "sr": "Београд је главни град Србије. Град се налази на ушћу Саве у Дунав и у њему живи "
    "више од милион људи.",
    "fa": "تهران پایتخت ایران است. این شهر در دامنه کوه‌های البرز قرار دارد.",
    "ar": "القاهرة هي عاصمة مصر وأكبر مدنها، وتقع على ضفاف نهر النيل.",
    "ur": "کراچی پاکستان کا سب سے بڑا شہر ہے۔ یہ شہر بحیرہ عرب کے کنارے واقع ہے۔",
    "el": "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της χώρας.",
    "ko": "서울은 대한민국의 수도이며 가장 큰 도시이다.",
    "zh": "北京是中华人民共和国的首都，也是全国的政治和文化中心。",
    "ja": "東京は日本の首都であり、世界で最も人口の多い都市の一つです。",
    "cs": "Praha je hlavní město České republiky a také největší město v zemi. Žije zde více "
    "než jeden milion obyvatel, kteří pracují v různých oborech, a jsou zde také mnohé "
    "univerzity, které jsou známé po celém světě.",
    "sk": "Bratislava je hlavné mesto Slovenska a zároveň jeho najväčšie mesto. Žije tu viac "
    "ako štyristo tisíc obyvateľov, ktorí sú známi svojou pohostinnosťou, a mesto sa nachádza "
    "na brehu Dunaja, kde sú aj hranice s Rakúskom.",
    "ro": "București este capitala României și cel mai mare oraș din țară. În fiecare an, mii "
    "de turiști vin să vadă clădirile vechi care sunt pe malul râului.",
    "gu": "ગુજરાતી ભાષા",
    "pa": "ਪੰਜਾਬੀ ਭਾਸ਼ਾ",
    "kn": "ಕನ್ನಡ ಭಾಷೆ",
    "ml": "മലയാളം ഭാഷ",
    "my": "မြန်မာဘာသာ",
    "am": "አማርኛ ቋንቋ",
    "km": "ភាសាខ្មែរ",
}


@pytest.mark.parametrize("code", sorted(WRITTEN_IN))
def test_language_detected_from_script_letters_and_words(code: str) -> None:
    assert detect(WRITTEN_IN[code])[0] == code


def test_letters_few_languages_write_tell_a_language_its_common_words_do_not() -> None:
    # Czech shares most of its common words with Slovak, and its prepositions are one letter
    czech = (
        "Vláda ve středu představila nový balíček zákonů, který má pomoci malým firmám v "
        "těžkém období. Ministr financí řekl, že to není konec změn a že příští rok přijdou "
        "další. Podnikatelé na taková opatření čekali dlouho, ale mnoho z nich si myslí, že je "
        "to málo."
    )
    assert detect(czech)[0] == "cs"
    assert detect("Vláda ve středu oznámila nová opatření na podporu ekonomiky. " * 3)[0] == "cs"
    # two sentences of Polish on a page declared English refute the declaration
    polish = (
        "W środę rząd przedstawił nowy pakiet ustaw, który ma pomóc małym firmom w trudnym "
        "okresie. Minister finansów powiedział, że to nie jest koniec zmian i że w przyszłym "
        "roku będą kolejne."
    )
    assert choose_language("en", polish)[::2] == ("pl", "detected")
    # a few names from other languages do not outweigh an English text's own words
    english = (
        "The mayor of Łódź met the governor of São Paulo in Kraków on Tuesday, and they talked "
        "about the trade between the two cities, which has grown in the last years. They "
        "agreed that it is good for both of them and that they will meet again in Łódź."
    )
    assert detect(english)[0] == "en"


def test_a_declaration_gives_way_only_to_a_plain_refutation() -> None:
    indonesian = (
        "Hooks adalah tambahan baru di React 16.8 yang memungkinkan Anda menggunakan state "
        "dan fitur React lainnya tanpa menulis kelas. Halaman ini menjelaskan dengan singkat "
        "apa itu Hooks dan mengapa kami menambahkannya, dan juga akan membahas cara "
        "menggunakannya dari dalam komponen fungsi."
    )
    assert choose_language("en", indonesian)[:3:2] == ("id", "detected")
    # written in another script: refuted however short
    assert choose_language("en", WRITTEN_IN["ru"])[0] == "ru"
    # an alphabetical index and prices lean towards no language: the declaration stands
    shop = "Browse A B C D E I O Y Z. " + PROSE.replace("<p>", "").replace("</p>", " ")
    assert choose_language("en", shop)[0] == "en"
    # a language the detector cannot recognise is not disproved by a neighbour it knows
    aragonese = (
        "Iste articlo ye en proceso de cambio enta la ortografía oficial de Biquipedia, "
        "que ye a ortografía de l'Academia de l'Aragonés. Puetz aduyar a cambiar-lo "
        "ta la nueva ortografía, y si no en sabes, puetz consultar as normas."
    )
    assert choose_language("an", aragonese)[0] == "an"
    # nor by a guess: Cyrillic without a telling letter, Chinese characters without kana
    assert choose_language("bg", "Това е текст на езика без специални букви в него.")[0] == "bg"
    assert (
        choose_language("ja", "東京都中央区銀座四丁目 株式会社東京商事 営業時間 定休日")[0] == "ja"
    )


def test_the_first_declaration_that_names_a_language_counts() -> None:
    german = (
        "<p>" + "Der Ausschuss hat sich am Dienstag getroffen, um den Haushalt zu beraten. " * 3
    )
    page = (
        '<html lang="UTF-8"><head><meta property="og:locale" content="de_DE"></head><body>'
        + german
        + "</p></body></html>"
    )
    doc = thresher.extract(page)
    assert (doc.language, doc.sources["language"]) == ("de", "declared")


def test_a_page_without_main_content_still_gets_a_language() -> None:
    menu = "".join(
        f"<li><a href='/{i}'>{words}</a></li>"
        for i, words in enumerate(
            [
                "Los productos más vendidos de la semana",
                "Las ofertas para los clientes que compran por primera vez",
                "Preguntas frecuentes sobre el envío y las devoluciones",
            ]
        )
    )
    page = read_page(f"<nav><ul>{menu}</ul></nav>", DEFAULT_OPTIONS, time.monotonic() + 10)
    labels = label_blocks(page, DEFAULT_OPTIONS.threshold)
    assert read_metadata(page, labels, None, main_text="").language == "es"


def test_main_text_of_fragments_is_read_with_the_rest_of_the_page() -> None:
    fragments = (
        "Color: white\n\n€17\n\nBuild a Pack & Save 10% on 4+\n\nSize Guide\n\nSize: L\n\n"
        "One Purchased = One Donated\n\nMidweight\n\nJust enough cush for your everyday shoes"
        "\n\nSee Product & Full Materials Details\n\n1\n\n/\n\n4"
    )
    assert detect(fragments)[1] < 0.4  # the fragments alone name no language well
    story = "<p>Our socks are made with the softest cotton and they are built to last. </p>" * 3
    page = read_page(f"<main>{story}</main>", DEFAULT_OPTIONS, time.monotonic() + 10)
    labels = label_blocks(page, DEFAULT_OPTIONS.threshold)
    metadata = read_metadata(page, labels, None, main_text=fragments)
    assert metadata.language == "en" and metadata.language_confidence >= 0.5


def test_declared_values_that_name_no_language_are_ignored() -> None:
    assert normalise_code("UTF-8") is None and normalise_code("und") is None
    assert normalise_code("zz") is None
    assert normalise_code("English") == normalise_code("eng") == normalise_code("en_GB") == "en"
    assert choose_language("UTF-8", WRITTEN_IN["zh"])[:3:2] == ("zh", "detected")


# -- real pages -------------------------------------------------------------------------------
@pytest.mark.parametrize("case_id", ["0106", "0331", "2453", "4582"])
def test_article_metadata_on_real_pages(case_id: str) -> None:
    html, truth = load_case(case_id)
    expected = truth["ground_truth"]
    doc = thresher.extract(html, url=truth["url"])
    if expected["publish_date"]:
        assert doc.date_published and doc.date_published[:10] == expected["publish_date"]
    assert doc.language == "en"
    assert doc.title


def test_json_and_markdown_front_matter_carry_metadata() -> None:
    html, truth = load_case("0331")
    doc = thresher.extract(html, url=truth["url"])
    data = doc.to_dict()
    assert data["schema_version"] == thresher.SCHEMA_VERSION == "1.10"
    assert data["date_published"] == doc.date_published
    assert set(data["sources"]) <= set(data) | {"language"}


# Characters a YAML document may hold (YAML 1.2, 5.1), less the line breaks of YAML 1.1 (NEL
# and the Unicode separators), which a reader folds into spaces.
_YAML_PRINTABLE = re.compile(
    "[\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*"
)


@pytest.mark.parametrize("character", ["\x7f", "\x9f", "\ufffe", "\x1b"])
def test_front_matter_is_yaml_whatever_the_title_holds(character: str) -> None:
    """A title holding a DEL, a C1 control or a noncharacter (any bytes may come in) made a
    block no YAML reader would load."""
    from thresher.render.formats import render_document

    title = f"Bridge{character}Reopens After Two Years"
    head = f"<title>{title}</title><meta name='author' content='Jane Roe'>"
    body = f"<article><h1>{title}</h1><p>{'The bridge reopened on Monday morning. ' * 8}</p>"
    document = thresher.extract(page(head, body + "</article>"))
    assert character in (document.title or "")
    block = render_document(document, "md").split("\n---\n")[0].removeprefix("---\n")
    assert _YAML_PRINTABLE.fullmatch(block)
    values = dict(line.split(": ", 1) for line in block.splitlines())
    assert json.loads(values["title"]) == document.title


# -- title ranker -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "placeholder", ["Untitled Document", "Document", "Insert title here", "{{ page.title }}"]
)
def test_an_editors_placeholder_is_no_title(placeholder: str) -> None:
    """What an HTML editor or a template writes where nobody gave the page a title: the
    page's headline is its title, and without one it has none."""
    text = f"<p>{'The bridge reopened on Monday morning after two years of work. ' * 6}</p>"
    headline = "<h1>Bridge Reopens After Two Years</h1>"
    head = f"<title>{placeholder}</title>"
    assert thresher.extract(page(head, f"<article>{headline}{text}</article>")).title == (
        "Bridge Reopens After Two Years"
    )
    assert thresher.extract(page(head, f"<article>{text}</article>")).title is None


def test_a_site_named_by_its_address_is_named_by_its_host() -> None:
    text = f"<article><h1>Bridge</h1><p>{'The bridge reopened on Monday morning. ' * 8}</p>"
    head = '<title>Bridge</title><meta property="og:site_name" content="https://www.Example.com/">'
    document = thresher.extract(page(head, text + "</article>"))
    assert document.sitename == "example.com" and document.sources["sitename"] == "opengraph"


def test_an_address_no_reader_can_split_is_no_address() -> None:
    head = (
        '<title>Bridge</title><link rel="canonical" href="http://[::1/bridge">'
        '<meta property="og:image" content="https://[cdn/bridge.png">'
    )
    text = f"<article><h1>Bridge</h1><p>{'The bridge reopened on Monday morning. ' * 8}</p>"
    document = thresher.extract(page(head, text + "</article>"))
    assert document.url is None and document.image is None


def test_title_is_the_headline_not_the_logo_heading_or_the_seo_title() -> None:
    head = (
        "<title>Bridge Reopens After Two Years: Traffic, Tolls and More | Daily Planet</title>"
        '<meta property="og:title" content="Bridge Reopens After Two Years">'
        '<meta property="og:site_name" content="Daily Planet">'
    )
    body = (
        '<header class="site-header"><h1 class="logo"><a href="/">Daily Planet</a></h1>'
        '<nav><a href="/news">News</a> <a href="/sport">Sport</a></nav></header>'
        "<article><h1>Bridge Reopens After Two Years</h1></article>"
    )
    doc = thresher.extract(page(head, body))
    assert doc.title == "Bridge Reopens After Two Years"


def test_titles_of_the_golden_pages() -> None:
    from .conftest import case_ids

    right = 0
    cases = case_ids()
    for case_id in cases:
        html, truth = load_case(case_id)
        doc = thresher.extract(html, url=truth["url"])
        expected = truth["ground_truth"]["title"]
        right += bool(doc.title) and " ".join(doc.title.casefold().split()) == " ".join(
            expected.casefold().split()
        )
    # a gate on pages the ranker was trained on: it catches a broken ranker, not overfitting
    assert right >= 0.8 * len(cases)


def test_golden_pages_read_without_their_address_keep_their_metadata() -> None:
    # A saved page read from disk comes without its address: the one it declares for itself
    # (canonical link, og:url) then gives the evidence an address holds (the slug the title
    # matches, the host naming the site, a date in the path).
    from .conftest import case_ids

    for case_id in case_ids():
        html, truth = load_case(case_id)
        given, alone = thresher.extract(html, url=truth["url"]), thresher.extract(html)
        assert alone.title == given.title, case_id
        if alone.url:  # without an address of its own, no host tells a slogan from a name
            assert alone.sitename == given.sitename, case_id
        assert (alone.date_published or "")[:10] == (given.date_published or "")[:10], case_id


SAVED_ADDRESS = "https://news.example.com/2024/03/02/bridge-reopens-after-two-years"
SAVED_BODY = (
    "<article><h1>Bridge Reopens After Two Years</h1>"
    f'{STORY}<p>Read the <a href="/2024/03/01/closing-report">closing report</a>.</p></article>'
)


@pytest.mark.parametrize(
    "saved",
    [
        # Chrome, Edge and Internet Explorer, before <html>
        f"<!DOCTYPE html>\n<!-- saved from url=(0066){SAVED_ADDRESS} -->\n"
        + page("<title>Daily Planet</title>", SAVED_BODY),
        # the SingleFile extension, just after <html>
        page("<title>Daily Planet</title>", SAVED_BODY).replace(
            '<html lang="en">',
            f'<html lang="en"><!--\n Page saved with SingleFile \n url: {SAVED_ADDRESS} \n'
            " saved date: Sat Mar 02 2024 10:00:00 GMT+0000\n-->",
        ),
    ],
)
def test_a_saved_page_is_read_with_the_address_its_browser_wrote_into_it(saved: str) -> None:
    doc = thresher.extract(saved)
    assert doc.url == SAVED_ADDRESS and doc.sources["url"] == "input"
    assert doc.date_published == "2024-03-02" and doc.sources["date_published"] == "url"
    assert "(https://news.example.com/2024/03/01/closing-report)" in doc.markdown
    # an address passed in wins, and a mark naming no web address is no address
    assert thresher.extract(saved, url="https://example.org/a").url == "https://example.org/a"
    local = saved.replace(SAVED_ADDRESS, "file:///C:/Users/me/bridge.html")
    assert thresher.extract(local).url is None


# -- date ranker ------------------------------------------------------------------------------
def test_offered_days_are_described_for_the_ranker() -> None:
    from thresher.metadata.published import FEATURE_NAMES, choose_day, day_features
    from thresher.metadata.reliability import VOTED_FIELDS

    weights = VOTED_FIELDS["date_published"]
    published = [("2024-03-02", "json-ld"), ("2024-03-02", "opengraph"), ("2025-01-09", "byline")]
    modified = [("2025-01-09", "json-ld")]
    days, rows = day_features(published, modified, weights, "2024-03-02", "article")
    assert days == ["2024-03-02", "2025-01-09"]
    row = dict(zip(FEATURE_NAMES, rows[1]))
    assert row["offered_by=byline"] == 1 and row["modified_by=json-ld"] == 1
    assert row["is_latest"] == 1 and row["days_after_earliest"] == 313
    assert dict(zip(FEATURE_NAMES, rows[0]))["vote_winner"] == 1
    # without a model the vote stands; with no offered day there is nothing to choose
    assert choose_day(published, modified, weights, "2024-03-02", "article", lambda: None) == (
        "2024-03-02"
    )
    assert choose_day([], [], weights, None, "article") is None


def test_a_value_escaped_twice_by_the_site_is_read_as_text() -> None:
    head = (
        '<meta property="og:description" content="Why &amp;quot;await&amp;quot; gives back '
        'control &amp;amp; lets others run">'
        '<meta property="og:site_name" content="Q&amp;amp;A Site">'
    )
    document = thresher.extract(page(head, "<h1>Coroutines</h1>"))
    assert document.description == 'Why "await" gives back control & lets others run'
    assert document.sitename == "Q&A Site"
