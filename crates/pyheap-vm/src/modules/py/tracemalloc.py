"""tracemalloc for pyheap: the Python-level classes over `_tracemalloc`
(CPython 3.11 API, str/repr formats and sort orders).

Read Snapshot._group_by first. A raw trace is a tuple
(domain, size, frames, total_nframe); frames come most recent first from
`_tracemalloc` and are kept oldest first in Traceback."""

from _tracemalloc import (start, stop, is_tracing, get_traced_memory,
                          reset_peak, clear_traces, get_traceback_limit,
                          get_tracemalloc_memory, _get_object_traceback,
                          _get_traces)
from functools import total_ordering


def _format_size(size, sign):
    units = ('B', 'KiB', 'MiB', 'GiB', 'TiB')
    for unit in units:
        if unit != 'B' and abs(size) < 100:
            return ("%+.1f %s" if sign else "%.1f %s") % (size, unit)
        if unit == 'TiB' or abs(size) < 10 * 1024:
            return ("%+.0f %s" if sign else "%.0f %s") % (size, unit)
        size /= 1024


class Statistic:
    """Memory allocated by one group of traces."""

    __slots__ = ('traceback', 'size', 'count')

    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def __hash__(self):
        return hash((self.traceback, self.size, self.count))

    def __eq__(self, other):
        if not isinstance(other, Statistic):
            return NotImplemented
        return ((self.traceback, self.size, self.count)
                == (other.traceback, other.size, other.count))

    def __str__(self):
        text = "%s: size=%s, count=%i" % (
            self.traceback, _format_size(self.size, False), self.count)
        if self.count:
            text += ", average=%s" % _format_size(self.size / self.count, False)
        return text

    def __repr__(self):
        return '<Statistic traceback=%r size=%i count=%i>' % (
            self.traceback, self.size, self.count)

    def _sort_key(self):
        return (self.size, self.count, self.traceback)


class StatisticDiff:
    """Difference of one group between an old and a new snapshot."""

    __slots__ = ('traceback', 'size', 'size_diff', 'count', 'count_diff')

    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def _tuple(self):
        return (self.traceback, self.size, self.size_diff, self.count,
                self.count_diff)

    def __hash__(self):
        return hash(self._tuple())

    def __eq__(self, other):
        if not isinstance(other, StatisticDiff):
            return NotImplemented
        return self._tuple() == other._tuple()

    def __str__(self):
        text = "%s: size=%s (%s), count=%i (%+i)" % (
            self.traceback, _format_size(self.size, False),
            _format_size(self.size_diff, True), self.count, self.count_diff)
        if self.count:
            text += ", average=%s" % _format_size(self.size / self.count, False)
        return text

    def __repr__(self):
        return '<StatisticDiff traceback=%r size=%i (%+i) count=%i (%+i)>' % (
            self.traceback, self.size, self.size_diff, self.count,
            self.count_diff)

    def _sort_key(self):
        return (abs(self.size_diff), self.size, abs(self.count_diff),
                self.count, self.traceback)


@total_ordering
class Frame:
    """One frame of a traceback: (filename, lineno)."""

    __slots__ = ("_frame",)

    def __init__(self, frame):
        self._frame = frame

    @property
    def filename(self):
        return self._frame[0]

    @property
    def lineno(self):
        return self._frame[1]

    def __eq__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame == other._frame

    def __lt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame < other._frame

    def __hash__(self):
        return hash(self._frame)

    def __str__(self):
        return "%s:%s" % (self.filename, self.lineno)

    def __repr__(self):
        return "<Frame filename=%r lineno=%r>" % (self.filename, self.lineno)


def _source_line(filename, lineno):
    try:
        with open(filename) as f:
            lines = f.read().splitlines()
        if 0 < lineno <= len(lines):
            return lines[lineno - 1].strip()
    except (OSError, ValueError, UnicodeError):
        pass
    return ''


@total_ordering
class Traceback:
    """Frames from the oldest to the most recent."""

    __slots__ = ("_frames", "_total_nframe")

    def __init__(self, frames, total_nframe=None):
        self._frames = tuple(reversed(frames))
        self._total_nframe = total_nframe

    @property
    def total_nframe(self):
        return self._total_nframe

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(Frame(f) for f in self._frames[index])
        return Frame(self._frames[index])

    def __iter__(self):
        for f in self._frames:
            yield Frame(f)

    def __reversed__(self):
        for f in reversed(self._frames):
            yield Frame(f)

    def __contains__(self, frame):
        return frame._frame in self._frames

    def index(self, frame):
        return self._frames.index(frame._frame)

    def count(self, frame):
        return self._frames.count(frame._frame)

    def __hash__(self):
        return hash(self._frames)

    def __eq__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames == other._frames

    def __lt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames < other._frames

    def __str__(self):
        return str(self[0])

    def __repr__(self):
        s = "<Traceback %s" % (tuple(self),)
        if self._total_nframe is None:
            return s + ">"
        return s + " total_nframe=%s>" % self._total_nframe

    def format(self, limit=None, most_recent_first=False):
        if limit is None:
            frames = list(self)
        elif limit > 0:
            frames = list(self[-limit:])
        else:
            frames = list(self[:limit])
        if most_recent_first:
            frames.reverse()
        lines = []
        for frame in frames:
            lines.append('  File "%s", line %s' % (frame.filename, frame.lineno))
            line = _source_line(frame.filename, frame.lineno)
            if line:
                lines.append('    %s' % line)
        return lines


def get_object_traceback(obj):
    """The Traceback where obj was allocated, or None."""
    frames = _get_object_traceback(obj)
    if frames is None:
        return None
    return Traceback(frames)


class Trace:
    """One traced memory block."""

    __slots__ = ("_trace",)

    def __init__(self, trace):
        self._trace = trace

    @property
    def domain(self):
        return self._trace[0]

    @property
    def size(self):
        return self._trace[1]

    @property
    def traceback(self):
        return Traceback(*self._trace[2:])

    def __eq__(self, other):
        if not isinstance(other, Trace):
            return NotImplemented
        return self._trace == other._trace

    def __hash__(self):
        return hash(self._trace)

    def __str__(self):
        return "%s: %s" % (self.traceback, _format_size(self.size, False))

    def __repr__(self):
        return "<Trace domain=%s size=%s, traceback=%r>" % (
            self.domain, _format_size(self.size, False), self.traceback)


class _Traces:
    def __init__(self, traces):
        self._traces = traces

    def __len__(self):
        return len(self._traces)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(Trace(t) for t in self._traces[index])
        return Trace(self._traces[index])

    def __iter__(self):
        for t in self._traces:
            yield Trace(t)

    def __contains__(self, trace):
        return trace._trace in self._traces

    def __eq__(self, other):
        if not isinstance(other, _Traces):
            return NotImplemented
        return self._traces == other._traces

    def __repr__(self):
        return "<Traces len=%s>" % len(self)


def _glob_match(name, pattern):
    """fnmatch-style matching: *, ?, [set], [!set] (case-sensitive)."""
    n, p = 0, 0
    star_p, star_n = -1, 0
    while n < len(name):
        if p < len(pattern):
            c = pattern[p]
            if c == '*':
                star_p, star_n = p, n
                p += 1
                continue
            if c == '?':
                n += 1
                p += 1
                continue
            if c == '[':
                end = pattern.find(']', p + 2)
                if end >= 0:
                    body = pattern[p + 1:end]
                    neg = body.startswith('!')
                    if neg:
                        body = body[1:]
                    hit = False
                    i = 0
                    while i < len(body):
                        if i + 2 < len(body) and body[i + 1] == '-':
                            if body[i] <= name[n] <= body[i + 2]:
                                hit = True
                            i += 3
                        else:
                            if body[i] == name[n]:
                                hit = True
                            i += 1
                    if hit != neg:
                        n += 1
                        p = end + 1
                        continue
                elif name[n] == '[':
                    n += 1
                    p += 1
                    continue
            elif c == name[n]:
                n += 1
                p += 1
                continue
        if star_p >= 0:
            star_n += 1
            n = star_n
            p = star_p + 1
            continue
        return False
    while p < len(pattern) and pattern[p] == '*':
        p += 1
    return p == len(pattern)


def _normalize_filename(filename):
    if filename.endswith('.pyc'):
        filename = filename[:-1]
    return filename


class BaseFilter:
    def __init__(self, inclusive):
        self.inclusive = inclusive

    def _match(self, trace):
        raise NotImplementedError


class Filter(BaseFilter):
    def __init__(self, inclusive, filename_pattern, lineno=None,
                 all_frames=False, domain=None):
        super().__init__(inclusive)
        self._filename_pattern = _normalize_filename(filename_pattern)
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    @property
    def filename_pattern(self):
        return self._filename_pattern

    def _match_frame_impl(self, filename, lineno):
        if not _glob_match(_normalize_filename(filename), self._filename_pattern):
            return False
        return self.lineno is None or lineno == self.lineno

    def _match_frame(self, filename, lineno):
        return self._match_frame_impl(filename, lineno) ^ (not self.inclusive)

    def _match_traceback(self, frames):
        if self.all_frames:
            hit = any(self._match_frame_impl(f, l) for f, l in frames)
            return self.inclusive if hit else not self.inclusive
        filename, lineno = frames[0]
        return self._match_frame(filename, lineno)

    def _match(self, trace):
        domain, size, frames, total_nframe = trace
        res = self._match_traceback(frames)
        if self.domain is not None:
            if self.inclusive:
                return res and domain == self.domain
            return res or domain != self.domain
        return res


class DomainFilter(BaseFilter):
    def __init__(self, inclusive, domain):
        super().__init__(inclusive)
        self._domain = domain

    @property
    def domain(self):
        return self._domain

    def _match(self, trace):
        return (trace[0] == self._domain) ^ (not self.inclusive)


def _compare_grouped_stats(old_group, new_group):
    out = []
    for tb, stat in new_group.items():
        prev = old_group.pop(tb, None)
        if prev is None:
            out.append(StatisticDiff(tb, stat.size, stat.size, stat.count,
                                     stat.count))
        else:
            out.append(StatisticDiff(tb, stat.size, stat.size - prev.size,
                                     stat.count, stat.count - prev.count))
    for tb, stat in old_group.items():
        out.append(StatisticDiff(tb, 0, -stat.size, 0, -stat.count))
    return out


class Snapshot:
    """The traces of the memory blocks allocated by Python at one moment."""

    def __init__(self, traces, traceback_limit):
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit

    def filter_traces(self, filters):
        try:
            filters = list(filters)
        except TypeError:
            raise TypeError("filters must be a list of filters, not %s"
                            % type(filters).__name__) from None
        if not filters:
            return Snapshot(list(self.traces._traces), self.traceback_limit)
        include = [f for f in filters if f.inclusive]
        exclude = [f for f in filters if not f.inclusive]
        kept = []
        for trace in self.traces._traces:
            if include and not any(f._match(trace) for f in include):
                continue
            if exclude and any(not f._match(trace) for f in exclude):
                continue
            kept.append(trace)
        return Snapshot(kept, self.traceback_limit)

    def _group_by(self, key_type, cumulative):
        if key_type not in ('traceback', 'filename', 'lineno'):
            raise ValueError("unknown key_type: %r" % (key_type,))
        if cumulative and key_type not in ('lineno', 'filename'):
            raise ValueError("cumulative mode cannot by used "
                             "with key type %r" % key_type)
        stats = {}
        tracebacks = {}

        def add(key, frames, size):
            tb = tracebacks.get(key)
            if tb is None:
                tb = Traceback(frames)
                tracebacks[key] = tb
            stat = stats.get(tb)
            if stat is None:
                stats[tb] = Statistic(tb, size, 1)
            else:
                stat.size += size
                stat.count += 1

        for domain, size, frames, total_nframe in self.traces._traces:
            if not cumulative:
                if key_type == 'traceback':
                    key = frames
                elif key_type == 'lineno':
                    key = frames[:1]
                else:
                    key = ((frames[0][0], 0),)
                add(frames, key, size)
            else:
                for frame in frames:
                    if key_type == 'lineno':
                        key = (frame,)
                    else:
                        key = ((frame[0], 0),)
                    add(frame, key, size)
        return stats

    def statistics(self, key_type, cumulative=False):
        stats = list(self._group_by(key_type, cumulative).values())
        stats.sort(reverse=True, key=Statistic._sort_key)
        return stats

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        new_group = self._group_by(key_type, cumulative)
        old_group = old_snapshot._group_by(key_type, cumulative)
        stats = _compare_grouped_stats(old_group, new_group)
        stats.sort(reverse=True, key=StatisticDiff._sort_key)
        return stats


def take_snapshot():
    """A Snapshot of the traces of the blocks allocated by Python."""
    if not is_tracing():
        raise RuntimeError("the tracemalloc module must be tracing memory "
                           "allocations to take a snapshot")
    return Snapshot(_get_traces(), get_traceback_limit())
