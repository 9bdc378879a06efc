"""The film catalog: model, normalisation, index, hints and resolution."""
