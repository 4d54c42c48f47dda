"""Bad input: each case gets one clear message naming the file, and the good articles still come through."""
import json

from kg.ingest import ingest
from newspages import FURNITURE, news_page


def write(p, data):
    (p.write_bytes if isinstance(data, bytes) else p.write_text)(data)
    return p


def test_each_bad_file_is_reported_and_the_good_one_read(tmp_path):
    write(tmp_path / "good.txt", "Headline\n\nThe ministers met in Paris on Monday.")
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "blank.txt", "   \n\t\n")
    write(tmp_path / "binary.txt", b"\x00\x01\x02binary")
    write(tmp_path / "big.txt", "Headline\n\n" + "A sentence of news. " * 500_000)    # a 10 MB article
    r = ingest([tmp_path, tmp_path / "missing.txt"])
    assert [a.id for a in r.articles] == ["good"]
    msgs = {e.path.rsplit("/", 1)[-1]: e.problem for e in r.errors}
    assert "empty" in msgs["empty.txt"] and "empty" in msgs["blank.txt"]
    assert "binary" in msgs["binary.txt"] and "limit" in msgs["big.txt"]
    assert "no such file" in msgs["missing.txt"]


def test_encodings_bom_and_line_endings(tmp_path):
    write(tmp_path / "latin.txt", "Title\r\n\r\nThe minister’s visit to São Paulo.".encode("cp1252"))
    write(tmp_path / "bom.txt", "\ufeffTitle\n\nText here.".encode("utf-8"))
    r = ingest([tmp_path])
    texts = {a.id: a.text for a in r.articles}
    assert "minister’s visit to São Paulo" in texts["latin"] and "\r" not in texts["latin"]
    assert texts["bom"].startswith("Title")


def test_jsonl_bad_lines_and_duplicate_ids(tmp_path):
    lines = [json.dumps({"id": "a", "text": "One text here."}), "{not json",
             json.dumps({"id": "b"}), json.dumps({"id": "c", "text": 5}),
             json.dumps({"id": "a", "text": "Same id again."}), json.dumps({"id": 7, "text": "Numeric id."})]
    write(tmp_path / "x.jsonl", "\n".join(lines))
    r = ingest([tmp_path / "x.jsonl"])
    assert [a.id for a in r.articles] == ["a", "7"]
    lines_of = sorted(e.line for e in r.errors)
    assert lines_of == [2, 3, 4, 5]
    assert any("duplicate article id 'a'" in str(e) for e in r.errors)


def test_html_page_is_read_through_trafilatura_with_its_metadata(tmp_path):
    page = news_page("Talks in Rome", ["ROME, March 6 (Reuters) - The ministers met in Rome on Monday to talk about trade, "
                                       "energy and migration, officials said.",
                                       "They agreed to meet again in Paris next month, the Italian ministry said."],
                     site="Daily Courier", author="Ann Lee", date="2022-03-07", canonical="https://courier.example/rome")
    write(tmp_path / "p.html", page.replace("<head>", "<head><script>alert(1)</script>"))
    [a] = ingest([tmp_path]).articles
    assert (a.id, a.title, a.published, a.publisher, a.authors, a.url) == \
        ("p", "Talks in Rome", "2022-03-07", "Daily Courier", ("Ann Lee",), "https://courier.example/rome")
    assert a.text.startswith("ROME, March 6 (Reuters) - The ministers met") and "alert" not in a.text
    assert not [f for f in FURNITURE if f in a.text]


def test_html_page_without_main_text_or_over_the_size_limit_is_skipped(tmp_path):
    write(tmp_path / "menu.html", news_page("Only a menu", []))
    write(tmp_path / "huge.htm", "<html><body>" + "<p>The ministers met in Rome on Monday, officials said.</p>" * 100_000)
    r = ingest([tmp_path])
    msgs = {e.path.rsplit("/", 1)[-1]: e.problem for e in r.errors}
    assert r.articles == [] and "no main text" in msgs["menu.html"] and "over the 5,000,000-byte limit" in msgs["huge.htm"]


def test_folder_without_articles(tmp_path):
    r = ingest([tmp_path])
    assert r.articles == [] and "no articles" in r.errors[0].problem
