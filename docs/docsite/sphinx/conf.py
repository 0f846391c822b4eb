"""Sphinx configuration of the collection's HTML documentation (tests/docs_site.py builds it).

The source tree is assembled in .cache/docs/src: antsibull-docs' reStructuredText for every
module, plugin and role under collections/, the README and the Markdown guides at the paths
they have in the repository (so that their relative links work on the site as on GitHub),
and index.rst from this directory.
"""

project = "ionos.enterprise"
copyright = "ionos.enterprise developers"  # pylint: disable=redefined-builtin
# Each page's <title> ends in this; the theme's sidebar shows the short one.
html_title = "ionos.enterprise documentation"
html_short_title = "ionos.enterprise"

extensions = [
    # antsibull-docs' roles and directives (:ansplugin:, :ansopt:, ansible-links ...).
    "sphinx_antsibull_ext",
    # The guides stay Markdown, one source for GitHub and the site.
    "myst_parser",
    "sphinx.ext.intersphinx",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# GitHub's anchors for Markdown headings (README links to docs/benchmarks.md#load).
myst_heading_anchors = 4

pygments_style = "ansible"
highlight_language = "YAML+Jinja"

html_theme = "sphinx_ansible_theme"
html_theme_options = {
    # No advertising script and no sidebar of links to docs.ansible.com: the site is about
    # this collection, and every page works offline.
    "show_rtd_ethical_ads": False,
    "show_extranav": False,
    # The links above every page: this collection's, not the theme's (Ansible blog, forum).
    "topbar_links": {
        "Repository": "https://github.com/ionos-enterprise/ansible-collection-ionos-enterprise",
        "Issues": "https://github.com/ionos-enterprise/ansible-collection-ionos-enterprise/issues",
        "Ansible documentation": "https://docs.ansible.com/",
    },
}
html_show_sphinx = False
html_copy_source = False
html_use_index = False
html_use_modindex = False

# Every reference must resolve. antsibull-docs' pages refer to the Ansible docsite (common
# return values, core's configuration); the inventory of those targets is written by the
# build (tests/docs_site.py ANSIBLE_DOCSITE_TARGETS) instead of fetched, which needs network.
intersphinx_mapping = {
    "ansible_devel": ("https://docs.ansible.com/projects/ansible/devel/", "ansible_devel.inv"),
}
nitpicky = True
default_role = "any"


def _home_link(app, pagename, templatename, context, doctree):  # pylint: disable=unused-argument
    """The theme's logo links to one fixed URL ("/" by default, the web server's root, not the
    site's when it is published under a path such as GitHub Pages'): make it this page's way
    to the site's index."""
    context["theme_documentation_home_url"] = context["pathto"](app.config.root_doc)


def setup(app):
    app.connect("html-page-context", _home_link)
