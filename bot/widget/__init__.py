"""The website chat widget: static assets and the small server that hosts the demo page."""
