"""Outlet from the URL's domain, byline from a JSONL ``author``."""

from __future__ import annotations

from eventwire.clean import clean_document
from eventwire.clean.outlets import known_outlets, outlet_from_url
from eventwire.ingest.readers import jsonl_record
from eventwire.options import Options

BODY = "Police in Nairobi fired tear gas at protesters on Tuesday, a rights group said."


def test_known_domains_and_their_subdomains_name_the_outlet():
    assert outlet_from_url("https://www.voanews.com/a/iraq-says/8011115.html") == "Voice of America"
    assert outlet_from_url("https://news.bbc.co.uk/2/hi/africa/1.stm") == "BBC News"


def test_unknown_domains_give_the_host_and_junk_gives_none():
    assert outlet_from_url("https://WWW.Example-News.org/story") == "example-news.org"
    assert outlet_from_url("not a url") is None
    assert outlet_from_url("http://[::1") is None
    assert outlet_from_url(None) is None


def test_a_lexicon_dir_extends_the_table(tmp_path):
    (tmp_path / "outlets.tsv").write_text("example-news.org\tExample News\n", encoding="utf-8")
    assert outlet_from_url("https://example-news.org/x", (str(tmp_path),)) == "Example News"
    assert "voanews.com" in known_outlets((str(tmp_path),))


def test_jsonl_record_without_outlet_takes_it_from_the_url_and_author_becomes_the_byline():
    record = {"url": "https://www.voanews.com/a/x/1.html", "author": "Jeff Seldin", "text": BODY}
    article = clean_document(jsonl_record(record, "feed.jsonl:1"), Options(min_english_ratio=0))
    assert article.outlet == "Voice of America"
    assert article.byline == "Jeff Seldin"


def test_an_outlet_given_by_the_source_wins():
    record = {"url": "https://www.voanews.com/a/x/1.html", "outlet": "VOA Africa", "text": BODY}
    article = clean_document(jsonl_record(record, "feed.jsonl:1"), Options(min_english_ratio=0))
    assert article.outlet == "VOA Africa"
