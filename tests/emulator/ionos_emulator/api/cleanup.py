"""What refers to a resource that is deleted: its labels and group shares."""


def forget(store, res):
    for label in [l for l in store.all("label") if l.ext["resource"] == res.id]:
        store.remove(label)
    for group in store.all("group"):
        if res.id in group.ext["shares"]:
            store.modify(group).ext["shares"].pop(res.id)
