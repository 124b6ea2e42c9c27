"""Views, one module per concept; each is a thin shell over library calls."""
