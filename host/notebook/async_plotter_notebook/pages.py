"""The pages of Notebook 7 (tree, notebooks, edit, consoles): one template, page_config's
`notebookPage` telling the frontend which plugins to start, as in Notebook's own server."""

from jupyter_server.utils import ensure_async, url_escape
from jupyter_server.utils import url_path_join as ujoin
from jupyterlab_server.handlers import LabHandler
from tornado import web


class PageHandler(LabHandler):
    """A Notebook 7 page: JupyterLab's page configuration (settings, themes, federated
    extensions) plus the page's name."""

    page = ""

    def render_page(self, **config):
        # A copy: jupyterlab_server's page configuration is shared by every request.
        page_config = {**self.get_page_config(), "notebookPage": self.page, **config}
        self.write(self.render_template("page.html", page_config=page_config))


class TreeHandler(PageHandler):
    """`/tree/<path>`: the file browser for a folder; a notebook opens in its page, other files raw."""

    page = "tree"

    @web.authenticated
    async def get(self, path=""):
        path = path.strip("/")
        contents = self.contents_manager
        if await ensure_async(contents.dir_exists(path=path)):
            if await ensure_async(contents.is_hidden(path)) and not contents.allow_hidden:
                raise web.HTTPError(404)
            return self.render_page(treePath=path)
        if await ensure_async(contents.file_exists(path)):
            model = await ensure_async(contents.get(path, content=False))
            prefix = "notebooks" if model["type"] == "notebook" else "files"
            return self.redirect(ujoin(self.base_url, prefix, url_escape(path)))
        raise web.HTTPError(404)


class NotebookHandler(PageHandler):
    """`/notebooks/<path>`: one notebook (a folder's path goes to its tree page)."""

    page = "notebooks"

    @web.authenticated
    async def get(self, path=""):
        path = path.strip("/")
        if await ensure_async(self.contents_manager.dir_exists(path=path)):
            return self.redirect(ujoin(self.base_url, "tree", url_escape(path)))
        return self.render_page()


class EditHandler(PageHandler):
    """`/edit/<path>`: a file in the text editor."""

    page = "edit"

    @web.authenticated
    def get(self, path=""):
        return self.render_page()


class ConsoleHandler(PageHandler):
    """`/consoles/<path>`: a console."""

    page = "consoles"

    @web.authenticated
    def get(self, path=""):
        return self.render_page()


handlers = [
    (r"/tree(.*)", TreeHandler),
    (r"/notebooks(.*)", NotebookHandler),
    (r"/edit(.*)", EditHandler),
    (r"/consoles/(.*)", ConsoleHandler),
]
