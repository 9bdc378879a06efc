"""Rebuild data/catalog/vega.jsonl from vega-datasets' movies.json (3,201 real films).

    npm pack vega-datasets@3.2.1 && tar xzf vega-datasets-3.2.1.tgz
    python data/build_catalog.py package/data/movies.json

The source has known faults, repaired here by stated rules:
- text read as Mac Roman instead of Latin-1 ("AstÈrix" → "Astérix");
- two-digit years pushed a century forward (a film "released" after 2011 in a set that ends in
  2010 is moved back 100 years: "Gone with the Wind … 2039" → 1939);
- a year inside the title ("King Kong (1933)") and trailing articles ("Charge of the Light
  Brigade, The"); numeric titles stored as numbers (300, 1408); one row with no title (dropped);
- a few wrong or missing facts, corrected from the public record in FIXES below.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

OUT = Path(__file__).resolve().parent / "catalog" / "vega.jsonl"
LAST_YEAR = 2011

# (title, year after the century repair) -> corrected facts. Directors of same-title films named in
# the matching tests, where the source left them blank or wrong.
FIXES: dict[tuple[str, int], dict] = {
    ("Casablanca", 1941): {"year": 1942},
    ("The Wizard of Oz", 1939): {"directors": ["Victor Fleming"]},
    ("Hamlet", 1996): {"directors": ["Kenneth Branagh"], "cast": ["Kenneth Branagh", "Julie Christie", "Kate Winslet"]},
    ("Hamlet", 2000): {"directors": ["Michael Almereyda"], "cast": ["Ethan Hawke", "Kyle MacLachlan", "Julia Stiles"]},
    ("King Kong", 1933): {"directors": ["Merian C. Cooper", "Ernest B. Schoedsack"], "cast": ["Fay Wray", "Robert Armstrong"]},
    ("King Kong", 1976): {"cast": ["Jeff Bridges", "Jessica Lange", "Charles Grodin"]},
    ("King Kong", 2005): {"cast": ["Naomi Watts", "Jack Black", "Adrien Brody"]},
    ("Crash", 1996): {"cast": ["James Spader", "Holly Hunter", "Elias Koteas"], "countries": ["CA", "GB"]},
    ("Crash", 2005): {"cast": ["Sandra Bullock", "Don Cheadle", "Matt Dillon"]},
    ("Alice in Wonderland", 1951): {"directors": ["Clyde Geronimi", "Wilfred Jackson", "Hamilton Luske"], "genres": ["Animation", "Musical"]},
    ("Alice in Wonderland", 2010): {"cast": ["Mia Wasikowska", "Johnny Depp", "Helena Bonham Carter"]},
    ("The Omen", 1976): {"cast": ["Gregory Peck", "Lee Remick"]},
    ("The Omen", 2006): {"directors": ["John Moore"], "cast": ["Liev Schreiber", "Julia Stiles"]},
    ("Dune", 1984): {"cast": ["Kyle MacLachlan", "Sean Young"], "genres": ["Science Fiction", "Adventure"]},
    ("Twilight", 1998): {"directors": ["Robert Benton"], "cast": ["Paul Newman", "Susan Sarandon", "Gene Hackman"]},
    ("Twilight", 2008): {"cast": ["Kristen Stewart", "Robert Pattinson"]},
    ("Ben-Hur", 1925): {"directors": ["Fred Niblo"], "cast": ["Ramon Novarro", "Francis X. Bushman"]},
    ("Ben-Hur", 1959): {"directors": ["William Wyler"], "cast": ["Charlton Heston", "Stephen Boyd", "Jack Hawkins"]},
    ("Dawn of the Dead", 1978): {"directors": ["George A. Romero"], "cast": ["David Emge", "Ken Foree", "Gaylen Ross"]},
    ("Dawn of the Dead", 2004): {"directors": ["Zack Snyder"], "cast": ["Sarah Polley", "Ving Rhames", "Jake Weber"]},
    ("Day of the Dead", 1985): {"directors": ["George A. Romero"], "cast": ["Lori Cardille", "Joseph Pilato"]},
    ("Day of the Dead", 2008): {"directors": ["Steve Miner"], "cast": ["Mena Suvari", "Nick Cannon", "Ving Rhames"]},
    ("Night of the Living Dead", 1968): {"directors": ["George A. Romero"], "cast": ["Duane Jones", "Judith O'Dea"]},
    ("Night of the Living Dead", 1990): {"directors": ["Tom Savini"], "cast": ["Tony Todd", "Patricia Tallman"]},
    ("A Nightmare on Elm Street", 1984): {"directors": ["Wes Craven"], "cast": ["Heather Langenkamp", "Robert Englund", "Johnny Depp"]},
    ("A Nightmare on Elm Street", 2010): {"directors": ["Samuel Bayer"], "cast": ["Jackie Earle Haley", "Rooney Mara", "Kyle Gallner"]},
    ("The Texas Chainsaw Massacre", 1974): {"directors": ["Tobe Hooper"], "cast": ["Marilyn Burns", "Gunnar Hansen"], "aliases": ["The Texas Chain Saw Massacre"]},
    ("The Texas Chainsaw Massacre", 2003): {"directors": ["Marcus Nispel"], "cast": ["Jessica Biel", "R. Lee Ermey", "Andrew Bryniarski"]},
    ("Friday the 13th", 1980): {"directors": ["Sean S. Cunningham"], "cast": ["Betsy Palmer", "Adrienne King", "Kevin Bacon"]},
    ("Friday the 13th", 2009): {"directors": ["Marcus Nispel"], "cast": ["Jared Padalecki", "Danielle Panabaker", "Derek Mears"]},
    ("The Fog", 1980): {"directors": ["John Carpenter"], "cast": ["Adrienne Barbeau", "Jamie Lee Curtis", "Janet Leigh", "Hal Holbrook"]},
    ("The Fog", 2005): {"directors": ["Rupert Wainwright"], "cast": ["Tom Welling", "Maggie Grace", "Selma Blair"]},
    ("Notorious", 1946): {"directors": ["Alfred Hitchcock"], "cast": ["Cary Grant", "Ingrid Bergman", "Claude Rains"]},
    ("Notorious", 2009): {"directors": ["George Tillman Jr."], "cast": ["Jamal Woolard", "Angela Bassett", "Derek Luke"]},
    ("Peter Pan", 1953): {"directors": ["Clyde Geronimi", "Wilfred Jackson", "Hamilton Luske"], "genres": ["Animation", "Family"]},
    ("Peter Pan", 2003): {"directors": ["P.J. Hogan"], "cast": ["Jeremy Sumpter", "Jason Isaacs", "Rachel Hurd-Wood"]},
    ("Casino Royale", 1967): {"cast": ["David Niven", "Peter Sellers", "Ursula Andress"]},
    ("Casino Royale", 2006): {"directors": ["Martin Campbell"], "cast": ["Daniel Craig", "Eva Green", "Mads Mikkelsen"]},
    ("Death at a Funeral", 2007): {"directors": ["Frank Oz"], "cast": ["Matthew Macfadyen", "Peter Dinklage", "Alan Tudyk"], "countries": ["GB"]},
    ("Death at a Funeral", 2010): {"directors": ["Neil LaBute"], "cast": ["Chris Rock", "Martin Lawrence", "Peter Dinklage"]},
    ("House of Wax", 1953): {"directors": ["André De Toth"], "cast": ["Vincent Price", "Phyllis Kirk"]},
    ("House of Wax", 2005): {"directors": ["Jaume Collet-Serra"], "cast": ["Elisha Cuthbert", "Chad Michael Murray", "Paris Hilton"]},
    ("The Alamo", 1960): {"directors": ["John Wayne"], "cast": ["John Wayne", "Richard Widmark", "Laurence Harvey"]},
    ("The Alamo", 2004): {"directors": ["John Lee Hancock"], "cast": ["Dennis Quaid", "Billy Bob Thornton", "Jason Patric"]},
    ("Around the World in 80 Days", 1956): {"directors": ["Michael Anderson"], "cast": ["David Niven", "Cantinflas", "Shirley MacLaine"]},
    ("Around the World in 80 Days", 2004): {"directors": ["Frank Coraci"], "cast": ["Jackie Chan", "Steve Coogan", "Cécile de France"]},
    ("The Island", 1980): {"directors": ["Michael Ritchie"], "cast": ["Michael Caine", "David Warner"]},
    ("The Island", 2005): {"directors": ["Michael Bay"], "cast": ["Ewan McGregor", "Scarlett Johansson", "Djimon Hounsou"]},
    ("20,000 Leagues Under the Sea", 1916): {"directors": ["Stuart Paton"]},
    ("20,000 Leagues Under the Sea", 1954): {"directors": ["Richard Fleischer"], "cast": ["Kirk Douglas", "James Mason", "Peter Lorre"]},
    ("Peter Pan", 1924): {},
}

GENRE_MAP = {
    "Thriller/Suspense": ["Thriller"], "Romantic Comedy": ["Romance", "Comedy"], "Black Comedy": ["Comedy"],
    "Concert/Performance": ["Music", "Documentary"],
}
CREATIVE_MAP = {"Kids Fiction": "Family", "Science Fiction": "Science Fiction", "Fantasy": "Fantasy", "Super Hero": "Superhero"}


def fix_mojibake(text: str) -> str:
    """Undo Latin-1 text that was decoded as Mac Roman."""
    if not re.search(r"[ÈÍ‡·ÀÃÂÁÎÏÌÓÔÒÚÛÙ]", text):
        return text
    try:
        return text.encode("mac_roman").decode("latin-1")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def slug(title: str, year: int | None) -> str:
    """Return a readable, stable id: "king-kong-2005"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "film"
    return f"{base}-{year}" if year else base


def convert(rows: list[dict]) -> list[dict]:
    """Turn vega rows into tidy catalog records."""
    out: list[dict] = []
    seen: dict[str, int] = {}
    for row in rows:
        raw = row.get("Title")
        if raw is None or str(raw).strip() in ("", "None"):
            continue
        title = fix_mojibake(str(raw).strip())
        year = None
        date_text = row.get("Release Date")
        release = None
        if date_text:
            date = datetime.strptime(date_text, "%b %d %Y")
            if date.year > LAST_YEAR:
                date = date.replace(year=date.year - 100)
            year, release = date.year, date.date().isoformat()
        m = re.fullmatch(r"(.*?)\s*\((\d{4})\)", title)
        if m:
            title, year = m.group(1), int(m.group(2))
        m = re.fullmatch(r"(.*), (The|A|An)", title)
        if m:
            title = f"{m.group(2)} {m.group(1)}"
        genres: list[str] = []
        if row.get("Major Genre"):
            genres += GENRE_MAP.get(row["Major Genre"], [row["Major Genre"]])
        if row.get("Creative Type") in CREATIVE_MAP:
            genres.append(CREATIVE_MAP[row["Creative Type"]])
        rec: dict = {
            "title": title,
            "year": year,
            "directors": [row["Director"]] if row.get("Director") else [],
            "genres": list(dict.fromkeys(genres)),
            "votes": int(row.get("IMDB Votes") or 0),
            "rating": row.get("IMDB Rating"),
            "mpaa": row.get("MPAA Rating") if row.get("MPAA Rating") not in (None, "Not Rated") else None,
            "runtime": row.get("Running Time min"),
            "extra": {k: v for k, v in {
                "release_date": release,
                "rotten_tomatoes": row.get("Rotten Tomatoes Rating"),
                "source": row.get("Source"),
                "distributor": row.get("Distributor"),
            }.items() if v is not None},
        }
        # The source's dates drift by a year here and there: match corrections within one year.
        fix = next((FIXES[(title, y)] for y in (year, (year or 0) - 1, (year or 0) + 1) if (title, y) in FIXES), {})
        rec.update(fix)
        rec_id = slug(rec["title"], rec["year"])
        seen[rec_id] = seen.get(rec_id, 0) + 1
        if seen[rec_id] > 1:
            rec_id = f"{rec_id}-{seen[rec_id]}"
        out.append({"id": rec_id, **{k: v for k, v in rec.items() if v not in (None, [], {}, 0)}})
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    rows = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    records = convert(rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} films to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
