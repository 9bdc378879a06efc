-- Films, their alternative titles, reviews and their warnings, and users' avoided topics.
-- List-valued columns hold values joined by U+001F (unit separator): cheaper to split than JSON
-- when a million rows are read to build the title index.

CREATE TABLE films (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,          -- public id: readable slug or IMDb tconst
    imdb_id     TEXT UNIQUE,
    title       TEXT NOT NULL,
    title_key   TEXT NOT NULL,                 -- normalised title, for linking reviews
    year        INTEGER,
    kind        TEXT NOT NULL DEFAULT 'movie',
    directors   TEXT NOT NULL DEFAULT '',
    cast_names  TEXT NOT NULL DEFAULT '',
    languages   TEXT NOT NULL DEFAULT '',
    countries   TEXT NOT NULL DEFAULT '',
    genres      TEXT NOT NULL DEFAULT '',
    franchise   TEXT,
    platforms   TEXT NOT NULL DEFAULT '',
    description TEXT,
    runtime     INTEGER,
    votes       INTEGER NOT NULL DEFAULT 0,
    rating      REAL,
    mpaa        TEXT,
    extra       TEXT NOT NULL DEFAULT '{}',    -- JSON: facts shown but not searched
    context     TEXT NOT NULL DEFAULT '',      -- words a query hint can match: people, language, genre…
    origin      TEXT NOT NULL,                 -- 'shipped' or 'imdb'
    updated_at  TEXT NOT NULL
);
CREATE INDEX films_title_key ON films(title_key);

CREATE TABLE film_aliases (
    film_id   INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    title_key TEXT NOT NULL,
    UNIQUE (film_id, title)
);
CREATE INDEX film_aliases_key ON film_aliases(title_key);

-- Every normalised form a title or alias can be named by ("fallout" for "Mission: Impossible –
-- Fallout", "alien 3" for "Alien³"): how a review's title mentions find their films.
CREATE TABLE film_keys (
    key     TEXT NOT NULL,
    film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    kind    INTEGER NOT NULL DEFAULT 0,   -- 0 title, 1 alternative title, 2 part of a title, 3 initialism
    article INTEGER NOT NULL DEFAULT 0,   -- the title begins with an article ("The Dark Knight")
    PRIMARY KEY (key, film_id)
) WITHOUT ROWID;
CREATE INDEX film_keys_film ON film_keys(film_id, kind, key, article);  -- covers the index build's read

CREATE TABLE reviews (
    id               INTEGER PRIMARY KEY,
    film_id          INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    content_hash     TEXT NOT NULL UNIQUE,
    source           TEXT,
    author           TEXT,
    url              TEXT,
    published        TEXT,
    headline         TEXT,
    verdict          TEXT NOT NULL CHECK (verdict IN ('watch', 'skip', 'mixed')),
    verdict_text     TEXT,
    verdict_basis    TEXT NOT NULL,            -- 'explicit', 'rating' or 'tone'
    confidence       REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    gist             TEXT,
    streaming        TEXT NOT NULL DEFAULT '',
    compared         TEXT NOT NULL DEFAULT '',
    link_confidence  REAL NOT NULL,
    link_evidence    TEXT NOT NULL DEFAULT '[]',  -- JSON list of {kind, text, weight}
    cleaned_text     TEXT NOT NULL,
    origin           TEXT NOT NULL,            -- the file (and feed entry) it came from
    analyser_version INTEGER NOT NULL,
    ingested_at      TEXT NOT NULL
);
CREATE INDEX reviews_film ON reviews(film_id);

CREATE TABLE warnings (
    id        INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    topic     TEXT NOT NULL,
    severity  TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
    presence  TEXT NOT NULL CHECK (presence IN ('shown', 'mentioned', 'unclear')),
    evidence  TEXT NOT NULL,
    spoiler   INTEGER NOT NULL DEFAULT 0 CHECK (spoiler IN (0, 1)),
    also      TEXT NOT NULL DEFAULT '',       -- further supporting sentences
    UNIQUE (review_id, topic)
);

CREATE TABLE user_topics (
    user_id  TEXT NOT NULL,
    topic    TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (user_id, topic)
) WITHOUT ROWID;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
