"""Understanding a review: cleaning, sections, verdict, gist, warnings, film linking."""
