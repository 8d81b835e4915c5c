"""What each page shows, as pure functions of (database, view): the pages and the board pack draw the same."""
