"""The web service (`kb serve`): the JSON API, /sparql, and the web pages (api/web). The only
package that imports FastAPI."""
