"""Paging that never fails: a list page with a bad page number still shows a page."""


class ForgivingPaginationMixin:
    """For a ListView: a missing, non-numeric or too-large ?page= gives the nearest real page.

    Links to page 7 outlive content edits that leave only three pages; a 404 would be a dead end.
    """

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
