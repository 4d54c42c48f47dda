"""Bad input: each case gets one clear message naming the file, and the good articles still come through."""
import json

from kg.ingest import ingest


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


def test_html_page_is_read_as_text(tmp_path):
    write(tmp_path / "p.html", "<html><head><title>Talks in Rome</title><script>alert(1)</script></head>"
          "<body><nav>Home</nav><p>The ministers met in Rome on Monday.</p></body></html>")
    [a] = ingest([tmp_path]).articles
    assert a.text.startswith("Talks in Rome") and "alert" not in a.text and "Home" not in a.text


def test_folder_without_articles(tmp_path):
    r = ingest([tmp_path])
    assert r.articles == [] and "no articles" in r.errors[0].problem
