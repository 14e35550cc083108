#!/usr/bin/python3
"""A screen reader's walk through the real kiosk window (DESIGN §1, §14), over AT-SPI2.

Run by tests/a11y/tst_kiosk_atspi, which starts a private session bus, Xvfb, the AT-SPI bus and
the built `hallkiosk` with the reference platform and its devices on pseudo-terminals, then this script with DISPLAY and
DBUS_SESSION_BUS_ADDRESS pointing at them. It finds the program on the accessibility bus and
presses controls by their accessible names, as Orca's user would (the action interface's
doAction, no mouse, no test hook):

  home → 长辈版 → 标准版 (the switch says its state in its name) → 办事指南 → 不动产登记 →
  不动产转移登记 → its materials read, page by page (下一页) → 打印材料清单 → 返回首页 →
  户籍与出入境 (a walk-in ticket: its number read) → 返回首页 → 排队查询 → (the ticket's QR at the
  scanner: asked of the test with `need: scan` on standard output, answered `scan done` on standard
  input) → its number and group read → 返回首页 → 预约 → (the card: `need: card`) → 社保医保 →
  城乡居民养老保险参保登记 and its materials → 选择日期 → the day → the slot → the phone number key
  by key (slower, with --key-gap, than the screen's idle time) → 确认手机号 → 确认预约 → 预约成功 → 返回首页 → 取消预约 → (the card) → the booking just
  made → 确认取消预约 → 预约已取消 → 返回首页.

On every screen it visits it checks DESIGN §1's naming rule on every button shown: a name, whose
first line is the button's main word — for a button that shows its words in labels of its own, the
first label's words; for one with its text only, a word of the list below or of the catalog. It
prints what it read (`ticket-number: C001`, `material: …`, `booked: …`), one line a step, and exits
0; on the first broken rule or a screen that does not come it prints `FAIL: why` and exits 1. The
C++ test checks the printer and the platform.
"""

import argparse
import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402
import pyatspi  # noqa: E402

# The main words of DESIGN §1 and the kiosk's fixed buttons; the catalog adds its groups and matters.
FIXED_WORDS = {"预约", "取消预约", "办事指南", "排队查询", "English", "中文", "长辈版", "标准版", "返回首页",
               "帮办", "上一步", "上一页", "下一页", "打印材料清单", "补打", "选择日期", "确认预约", "确认手机号",
               "再试一次", "清空", "删除", "确认取消预约", "重新排队"} | {str(d) for d in range(10)}
WAIT_S = 30.0
CONTROL_ROLES = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON,
                 pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_LINK, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_SPIN_BUTTON,
                 pyatspi.ROLE_SLIDER, pyatspi.ROLE_ENTRY}


class Failure(Exception):
    pass


def say(line):
    print(line, flush=True)


def first_line(name):
    return (name or "").split("\n", 1)[0].strip()


def showing(acc):
    try:
        states = acc.getState()
        return states.contains(pyatspi.STATE_SHOWING) and states.contains(pyatspi.STATE_VISIBLE)
    except Exception:  # gone while we looked: a screen changing
        return False


def walk(acc):
    """Every showing descendant of acc; a hidden subtree (a page of the stack not shown) is skipped."""
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if child is None or not showing(child):
            continue
        yield child
        yield from walk(child)


def text_of(acc):
    """What a screen reader reads: the accessible text where the object has one, else its name."""
    try:
        text = acc.queryText()
        return text.getText(0, text.characterCount)
    except NotImplementedError:
        return acc.name or ""


class Kiosk:
    def __init__(self, app):
        self.app = app
        # No client-side cache: Qt's tree changes with every screen, and this script runs no main
        # loop to hear the change events that would keep a cache true.
        app.set_cache_mask(Atspi.Cache.NONE)

    def fresh(self):
        self.app.clear_cache()
        return self.app

    def buttons(self):
        return [a for a in walk(self.fresh()) if a.getRole() == pyatspi.ROLE_PUSH_BUTTON]

    def controls(self):
        """Everything shown that a citizen can operate: the kiosk has buttons only, but a check box
        or a link added one day is held to the same rule."""
        return [a for a in walk(self.fresh()) if a.getRole() in CONTROL_ROLES]

    def labels(self):
        return [a for a in walk(self.fresh()) if a.getRole() == pyatspi.ROLE_LABEL]

    def button(self, word):
        found = [b for b in self.buttons() if first_line(b.name) == word]
        return found[0] if len(found) == 1 else None

    def wait(self, what, predicate, timeout=WAIT_S):
        end = time.monotonic() + timeout
        while True:
            try:
                value = predicate()
            except Exception:  # an object gone in the middle of a screen change: look again
                value = None
            if value:
                return value
            if time.monotonic() > end:
                raise Failure(f"{what} did not come within {timeout:.0f} s; buttons shown: "
                              + ", ".join(repr(b.name) for b in self.buttons()))
            time.sleep(0.2)

    def press(self, word):
        """Press the one shown, enabled button whose name's first line is `word`."""
        button = self.wait(f"a button named {word!r}",
                           lambda: (b := self.button(word)) and b.getState().contains(pyatspi.STATE_ENABLED) and b)
        action = button.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        if not names:
            raise Failure(f"the button {word!r} offers no action")
        index = next((i for i, n in enumerate(names) if n.lower() in ("press", "click")), 0)
        if not action.doAction(index):
            raise Failure(f"the button {word!r} refused its action {names[index]!r}")
        say(f"pressed: {word}")

    def check_names(self, screen, words):
        """DESIGN §1 on every button shown: named, and its name's first line its main word — the first
        of the words it shows in labels of its own (a group, a day, a slot), or else a main word of
        the kiosk or the catalog (a plain button's own text is not on the bus apart from its name)."""
        seen = []
        for b in self.controls():
            name = b.name or ""
            line = first_line(name)
            if not line:
                raise Failure(f"{screen}: a {b.getRoleName()} without an accessible name (description {b.description!r})")
            shown = [c for c in walk(b) if c.getRole() == pyatspi.ROLE_LABEL and text_of(c).strip()]
            if shown:
                if first_line(text_of(shown[0])) != line:
                    raise Failure(f"{screen}: a button shows {text_of(shown[0])!r} first, but its name's first line is {line!r} "
                                  f"(named {name!r})")
            elif line not in words:
                raise Failure(f"{screen}: a button named {name!r}: its first line {line!r} is not its main word")
            seen.append(line)
        if not seen:
            raise Failure(f"{screen}: no button shown")
        say(f"named ({screen}): " + " | ".join(seen))
        return seen


def ask(what):
    """The test's part of the walk (a card on the reader): ask for it and wait for its word."""
    say(f"need: {what}")
    answer = sys.stdin.readline().strip()
    if answer != f"{what} done":
        raise Failure(f"asked the test for {what!r}, it answered {answer!r}")


def find_app(timeout):
    end = time.monotonic() + timeout
    while True:
        desktop = pyatspi.Registry.getDesktop(0)
        names = []
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is None:
                continue
            names.append(app.name)
            if app.name == "hallkiosk" and app.childCount > 0:
                return app
        if time.monotonic() > end:
            raise Failure(f"hallkiosk is not on the accessibility bus after {timeout:.0f} s "
                          f"(applications there: {names})")
        time.sleep(0.5)


def walk_through(args):
    with open(args.catalog, encoding="utf-8") as f:
        catalog = json.load(f)
    groups = {g["code"]: g["name"] for g in catalog["groups"]}
    matters = {m["code"]: m for m in catalog["matters"]}
    words = FIXED_WORDS | set(groups.values()) | {m["name"] for m in matters.values()}
    guide_group, guide_matter = groups[args.guide_group], matters[args.guide_matter]
    walkin_group = groups[args.walkin_group]

    kiosk = Kiosk(find_app(args.app_timeout))
    say(f"found: {kiosk.app.name} with {kiosk.app.childCount} window(s)")

    # Home, and the 长辈版 switch both ways: its name says what pressing it does.
    kiosk.wait("home", lambda: kiosk.button("办事指南"))
    home = kiosk.check_names("home", words)
    for word in ("预约", "取消预约", "办事指南", "排队查询", "长辈版", "帮办", walkin_group):
        if word not in home:
            raise Failure(f"home: no button named {word!r}")
    kiosk.press("长辈版")
    kiosk.wait("the switch back to 标准版", lambda: kiosk.button("标准版"))
    kiosk.check_names("home in 长辈版", words)
    kiosk.press("标准版")
    kiosk.wait("the switch to 长辈版 again", lambda: kiosk.button("长辈版"))

    # 办事指南: the groups, paged; the group; the matter.
    kiosk.press("办事指南")
    kiosk.wait("the guide's groups", lambda: kiosk.button("返回首页") and kiosk.button("下一页"))
    kiosk.check_names("guide groups", words)
    while not kiosk.button(guide_group):
        kiosk.press("下一页")
        kiosk.wait(f"a page with {guide_group!r} or 下一页 enabled",
                   lambda: kiosk.button(guide_group) or kiosk.button("下一页").getState().contains(pyatspi.STATE_ENABLED))
        if not kiosk.button(guide_group) and not kiosk.button("下一页").getState().contains(pyatspi.STATE_ENABLED):
            raise Failure(f"guide: no page names the group {guide_group!r}")
    kiosk.check_names("guide groups, the group's page", words)
    kiosk.press(guide_group)
    kiosk.wait("the group's matters", lambda: kiosk.button(guide_matter["name"]))
    kiosk.check_names("guide matters", words)
    kiosk.press(guide_matter["name"])
    kiosk.wait("the matter's materials", lambda: kiosk.button("打印材料清单"))
    kiosk.check_names("guide matter", words)

    # Its materials, as a screen reader reads them: each page's numbered lines, then 下一页.
    read = []
    while True:
        page = [text_of(l) for l in kiosk.labels() if text_of(l)[:1].isdigit() and ". " in text_of(l)]
        read.extend(t for t in page if t not in read)
        more = kiosk.button("下一页")
        if not more or not more.getState().contains(pyatspi.STATE_ENABLED):
            break
        before = list(read)
        kiosk.press("下一页")
        kiosk.wait("the next page of materials",
                   lambda: any(text_of(l) not in before and text_of(l)[:1].isdigit() and ". " in text_of(l) for l in kiosk.labels()))
        kiosk.check_names("guide matter, next page", words)
    expected = [f"{i + 1}. {m}" for i, m in enumerate(guide_matter["materials"])]
    for line in read:
        say(f"material: {line}")
    if read != expected:
        raise Failure(f"materials read {read}, the catalog says {expected}")

    kiosk.press("打印材料清单")
    kiosk.wait("the words that the list is printed",
               lambda: any("已打印" in text_of(l) for l in kiosk.labels()))
    say("printed: " + next(text_of(l) for l in kiosk.labels() if "已打印" in text_of(l)))
    kiosk.press("返回首页")
    kiosk.wait("home again", lambda: kiosk.button("办事指南"))

    # A walk-in ticket: the group's button, and the number as the screen reader says it.
    kiosk.press(walkin_group)
    number_label = kiosk.wait("the ticket's number",
                              lambda: next((l for l in kiosk.labels() if (l.name or "").startswith("您的号码")), None))
    number = number_label.name.split()[-1]
    kiosk.wait("the ticket printed (请取票)", lambda: any(text_of(l).startswith("请取票") for l in kiosk.labels()))
    kiosk.check_names("ticket", words)
    say(f"ticket-number: {number}")
    kiosk.press("返回首页")
    kiosk.wait("home again", lambda: kiosk.button("办事指南"))

    # 排队查询: the ticket's QR at the scanner (the test's part), its number and state read out.
    kiosk.press("排队查询")
    kiosk.wait("排队查询's prompt", lambda: any(text_of(l) == "排队查询" for l in kiosk.labels()))
    kiosk.check_names("排队查询", words)
    ask("scan")
    kiosk.wait(f"the looked-up number 您的号码 {number}", lambda: any(l.name == f"您的号码 {number}" for l in kiosk.labels()))
    kiosk.check_names("排队查询: the ticket", words)
    said = [text_of(l) for l in kiosk.labels()]
    if walkin_group not in said:
        raise Failure(f"排队查询: the group {walkin_group!r} is not read out: {said}")
    say("looked-up: " + " | ".join(said))
    kiosk.press("返回首页")
    kiosk.wait("home again", lambda: kiosk.button("办事指南"))

    if args.book_group:
        book(kiosk, words, args, groups[args.book_group], matters[args.book_matter])
        kiosk.press("返回首页")
        kiosk.wait("home again", lambda: kiosk.button("办事指南"))
        cancel(kiosk, words, matters[args.book_matter])
        kiosk.press("返回首页")
        kiosk.wait("home at the end", lambda: kiosk.button("办事指南"))
    kiosk.check_names("home at the end", words)
    if any((l.name or "").startswith("您的号码") for l in kiosk.labels()):
        raise Failure("home still shows the ticket's number")
    say("done")


def book(kiosk, words, args, group, matter):
    """预约 by card (DESIGN §14): the group, the matter and its materials, a day, a slot, the phone
    number on the keypad, confirm; the platform books and the slip prints."""
    kiosk.press("预约")
    kiosk.wait("the card prompt", lambda: any("身份证" in text_of(l) for l in kiosk.labels()))
    kiosk.check_names("booking: the card", words)
    ask("card")
    kiosk.wait("the groups to book", lambda: kiosk.button(group))
    kiosk.check_names("booking: groups", words)
    kiosk.press(group)
    kiosk.wait("the matters to book", lambda: kiosk.button(matter["name"]))
    kiosk.check_names("booking: matters", words)
    kiosk.press(matter["name"])
    kiosk.wait("the materials", lambda: kiosk.button("选择日期"))
    kiosk.check_names("booking: materials", words)
    said = "\n".join(text_of(l) for l in kiosk.labels())
    for i, m in enumerate(matter["materials"]):
        if f"{i + 1}. {m}" not in said:
            raise Failure(f"booking: the material {i + 1}. {m} is not read out: {said!r}")
    kiosk.press("选择日期")
    page_to(kiosk, "the day", lambda: kiosk.button(args.book_day))
    kiosk.check_names("booking: days", words)
    kiosk.press(args.book_day)
    slot = page_to(kiosk, "the slot", lambda: next((first_line(b.name) for b in kiosk.buttons()
                                                     if first_line(b.name).startswith(args.book_slot + "–")), None))
    kiosk.check_names("booking: slots", words)
    kiosk.press(slot)
    kiosk.wait("the keypad", lambda: kiosk.button("确认手机号"))
    kiosk.check_names("booking: phone", words)
    # Each key's echo is waited for, as its user listens for it: Qt presses a button for an
    # accessible action with animateClick(), and a second press within its 100 ms is one click.
    # With --key-gap the number takes longer than the screen's idle time: the presses must keep
    # the screen, as touches do.
    started = time.monotonic()
    for n, digit in enumerate(args.phone, start=1):
        if n > 1:
            time.sleep(args.key_gap)
        kiosk.press(digit)
        kiosk.wait(f"the keypad's echo 已输入 {args.phone[:n]} ({time.monotonic() - started:.0f} s into the number)",
                   lambda: any(l.name == f"已输入 {args.phone[:n]}" for l in kiosk.labels()))
    say(f"typed: {len(args.phone)} keys in {time.monotonic() - started:.0f} s")
    kiosk.press("确认手机号")
    kiosk.wait("the summary to confirm", lambda: kiosk.button("确认预约"))
    kiosk.check_names("booking: confirm", words)
    summary = "\n".join(text_of(l) for l in kiosk.labels())
    for part in (matter["name"], args.book_day, slot, args.phone[:3] + "****" + args.phone[-4:]):
        if part not in summary:
            raise Failure(f"booking: {part!r} is not in the summary read out: {summary!r}")
    kiosk.press("确认预约")
    kiosk.wait("the booking done (预约成功)", lambda: any(text_of(l).startswith("预约成功") for l in kiosk.labels()), timeout=60)
    kiosk.check_names("booking: booked", words)
    say(f"booked: {matter['code']} {args.book_day} {slot}")


def cancel(kiosk, words, matter):
    """取消预约 by card (DESIGN §14): the citizen's bookings, the one just made, 确认取消预约."""
    kiosk.press("取消预约")
    kiosk.wait("the card prompt", lambda: any("身份证" in text_of(l) for l in kiosk.labels()))
    kiosk.check_names("cancel: the card", words)
    ask("card")
    kiosk.wait("the citizen's bookings", lambda: kiosk.button(matter["name"]))
    kiosk.check_names("cancel: bookings", words)
    kiosk.press(matter["name"])
    kiosk.wait("the question to cancel", lambda: kiosk.button("确认取消预约"))
    kiosk.check_names("cancel: confirm", words)
    kiosk.press("确认取消预约")
    kiosk.wait("the booking cancelled (预约已取消)", lambda: any(text_of(l).startswith("预约已取消") for l in kiosk.labels()), timeout=60)
    kiosk.check_names("cancel: done", words)
    say(f"cancelled: {matter['code']}")


def page_to(kiosk, what, found):
    """What `found` looks for, paging with 下一页 while it is not on show, as a citizen looks."""
    kiosk.wait(f"{what}'s list", lambda: found() or kiosk.button("下一页"))
    for _ in range(10):
        hit = found()
        if hit:
            return hit
        more = kiosk.button("下一页")
        if not more or not more.getState().contains(pyatspi.STATE_ENABLED):
            break
        kiosk.press("下一页")
        time.sleep(0.3)
    hit = kiosk.wait(what, found, timeout=5)
    return hit


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", required=True, help="the catalog file hallkiosk runs with")
    parser.add_argument("--guide-group", default="BDC")
    parser.add_argument("--guide-matter", default="BDC-001")
    parser.add_argument("--walkin-group", default="HJ")
    parser.add_argument("--book-group", help="book by card in this group (the test puts the card on the reader)")
    parser.add_argument("--book-matter")
    parser.add_argument("--book-day", help="the day's button as shown, e.g. 12月7日 周一")
    parser.add_argument("--book-slot", help="the slot's start, HH:MM")
    parser.add_argument("--phone", default="13800138000")
    parser.add_argument("--key-gap", type=float, default=0.0, help="seconds between two keys of the phone number")
    parser.add_argument("--app-timeout", type=float, default=60.0)
    args = parser.parse_args()
    try:
        walk_through(args)
    except Failure as failure:
        say(f"FAIL: {failure}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
