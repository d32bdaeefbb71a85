"""Keeping: a new file given the old one's mode, owner, group and extended attributes."""

import errno
import grp
import os
import pwd
import stat
from pathlib import Path

from .refusing import cannot

__all__ = ["keep_attributes", "keep_owner", "new_mode"]


def new_mode(found: os.stat_result | None) -> int:
    """The old file's permissions, or a new file's (as ``open`` would make it)."""
    if found is not None:
        return stat.S_IMODE(found.st_mode)
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def keep_owner(descriptor: int, found: os.stat_result, path: Path, file: Path) -> None:
    """Give the new file the old one's owner and group; `WriteError` if that is not allowed."""
    mine = os.fstat(descriptor)
    if (mine.st_uid, mine.st_gid) == (found.st_uid, found.st_gid):
        return
    try:
        os.fchown(descriptor, found.st_uid, found.st_gid)
    except PermissionError:  # only root may give a file away, or a group one is not in
        pass
    else:
        return
    if mine.st_uid != found.st_uid:
        owner = _user(found.st_uid)
        who = "root" if found.st_uid == 0 else f"{owner} or as root"
        take_over = (
            ""  # in a sticky folder (/tmp) only a file's owner may replace it
            if _sticky_for_me(file.parent)
            else f", or take the file over first (cp '{file}' '{file}.new' && mv "
            f"'{file}.new' '{file}')"
        )
        raise cannot(
            path,
            f"it belongs to {owner}, and replacing it would make it yours; run rcpack as "
            f"{who}{take_over}, then run again",
        )
    group = _group(found.st_gid)
    raise cannot(
        path,
        f"it belongs to {group}, which you are not in, and replacing it would change its "
        f"group; run rcpack as a member of {group} or as root, or change its group first "
        f"(chgrp {_group(os.getegid(), bare=True)} '{file}'), then run again",
    )


def _sticky_for_me(folder: Path) -> bool:
    """Whether ``folder`` is sticky and not mine: its files only their owners may replace."""
    try:
        found = folder.stat()
    except OSError:
        return False
    return bool(found.st_mode & stat.S_ISVTX) and found.st_uid != os.geteuid()


def keep_attributes(descriptor: int, target: Path, path: Path, file: Path) -> None:
    """Give the new file the old one's extended attributes (its ACL too), and only those.

    `WriteError` if one cannot be read or given: the file is then not replaced.
    """
    name = ""
    try:
        try:
            names = os.listxattr(target)
        except OSError as error:
            if error.errno in {errno.ENOTSUP, errno.EOPNOTSUPP}:
                return  # the file system has none to keep
            raise
        old: dict[str, bytes] = {}
        for name in names:
            old[name] = os.getxattr(target, name)
        name = ""
        new = set(os.listxattr(descriptor))
        for name in sorted(new - old.keys()):  # inherited from the folder's default ACL
            os.removexattr(descriptor, name)
        for name, value in old.items():
            if name not in new or os.getxattr(descriptor, name) != value:
                os.setxattr(descriptor, name, value)
    except OSError as error:
        why = error.strerror or str(error)
        if not name:
            raise cannot(
                path, f"its extended attributes cannot be read ({why}); run rcpack as root"
            ) from None
        acl = name.startswith("system.posix_acl")
        what = "its access control list (ACL)" if acl else f"its extended attribute '{name}'"
        undo = f"setfacl -b '{file}'" if acl else f"setfattr -x '{name}' '{file}'"
        raise cannot(
            path,
            f"{what} cannot be kept ({why}); run rcpack as root, or remove it first ({undo}) "
            "if it need not be kept, then run again",
        ) from None


def _user(uid: int) -> str:
    try:
        return f"user '{pwd.getpwuid(uid).pw_name}'"
    except KeyError:
        return f"user {uid}"


def _group(gid: int, *, bare: bool = False) -> str:
    try:
        name = grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid) if bare else f"group {gid}"
    return name if bare else f"group '{name}'"
