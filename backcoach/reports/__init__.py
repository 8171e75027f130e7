"""Documents backcoach writes for people to read outside the app: the
printable program handout and the history export. No Textual here: the CLI
and the screens share them."""
