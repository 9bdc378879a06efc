"""Pure domain logic: films, reviews, answers. Nothing here imports discord or the store."""
