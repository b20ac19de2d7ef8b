"""The what-if app: a local web page on a `Study` (`grantopt serve`).

`app.create_app` builds the Starlette application: `handlers` answers each request by
asking the session's Study one question, `serialise` turns the answer into JSON with the
numbers already written in the page's language (optimizer.vocabulary.words), `figures` draws the
project's own SVG figures, `downloads` builds files in a temporary folder and hands back
their bytes, `jobs` runs robustness and calibration in background threads, and `state`
keeps each browser session's study. Nothing here writes into a round's or a scenario's
folder. Only the command line imports this package.
"""

from optimizer.web.app import create_app

__all__ = ["create_app"]
