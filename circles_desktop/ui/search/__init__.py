"""Search across everything: the box and its grouped results (search_panel), and the Ctrl+F dialog."""
