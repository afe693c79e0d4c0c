"""The class-processing half of `dataclasses` (see `_process_class`).

`install(ns)` binds the helpers of the `dataclasses` module namespace `ns`
and returns `_process_class`. Invariants: `__dataclass_fields__` maps
every field name (including ClassVar/InitVar pseudo-fields) to its Field,
in definition order with inherited fields first.
"""


def install(ns):
    MISSING = ns['MISSING']
    _FIELD = ns['_FIELD']
    _FIELD_INITVAR = ns['_FIELD_INITVAR']
    _FIELD_CLASSVAR = ns['_FIELD_CLASSVAR']
    _KW_ONLY_TYPE = ns['_KW_ONLY_TYPE']
    FrozenInstanceError = ns['FrozenInstanceError']
    _get_field = ns['_get_field']
    _init_source = ns['_init_source']
    _set_new = ns['_set_new']
    _make_repr = ns['_make_repr']
    _make_cmp = ns['_make_cmp']
    _tuple_of = ns['_tuple_of']
    _HAS_DEFAULT_FACTORY = ns['_HAS_DEFAULT_FACTORY']

    def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                       match_args, kw_only, slots):
        all_fields = {}
        any_frozen_base = False
        has_dataclass_bases = False
        for b in cls.__mro__[-1:0:-1]:
            base_fields = b.__dict__.get('__dataclass_fields__')
            if base_fields is not None:
                has_dataclass_bases = True
                for f in base_fields.values():
                    all_fields[f.name] = f
                if b.__dict__['__dataclass_params__']['frozen']:
                    any_frozen_base = True
        annotations = cls.__dict__.get('__annotations__', {})
        own = []
        kw_default = kw_only
        for name, tp in annotations.items():
            if tp is ns['KW_ONLY'] or isinstance(tp, _KW_ONLY_TYPE) or \
                    tp == 'KW_ONLY':
                kw_default = True
                continue
            own.append(_get_field(cls, name, tp, kw_default))
        for f in own:
            all_fields[f.name] = f
            if isinstance(cls.__dict__.get(f.name), ns['Field']):
                if f.default is MISSING:
                    delattr(cls, f.name)
                else:
                    setattr(cls, f.name, f.default)
        for name, value in cls.__dict__.items():
            if isinstance(value, ns['Field']) and name not in annotations:
                raise TypeError('%r is a field but has no type annotation'
                                % name)
        if has_dataclass_bases:
            if any_frozen_base and not frozen:
                raise TypeError('cannot inherit non-frozen dataclass from a '
                                'frozen one')
            if not any_frozen_base and frozen:
                raise TypeError('cannot inherit frozen dataclass from a '
                                'non-frozen one')
        cls.__dataclass_fields__ = all_fields
        cls.__dataclass_params__ = {'init': init, 'repr': repr, 'eq': eq,
                                    'order': order, 'frozen': frozen}
        flds = list(all_fields.values())
        real = [f for f in flds if f._field_type is _FIELD]
        if init:
            globs = {'__HAS_DEFAULT_FACTORY': _HAS_DEFAULT_FACTORY,
                     '__setattr': object.__setattr__ if frozen else setattr}
            std = [f for f in flds if not f.kw_only]
            kw = [f for f in flds if f.kw_only]
            src = _init_source(std + kw, hasattr(cls, '__post_init__'), globs)
            loc = {}
            exec(src, globs, loc)
            _set_new(cls, '__init__', loc['__init__'])
        if repr:
            _set_new(cls, '__repr__', _make_repr([f for f in real if f.repr]))
        cmp_fields = [f for f in real if f.compare]
        if eq:
            _set_new(cls, '__eq__', _make_cmp('__eq__', lambda a, b: a == b,
                                              cmp_fields))
        if order:
            if not eq:
                raise ValueError('eq must be true if order is true')
            for name, op in (('__lt__', lambda a, b: a < b),
                             ('__le__', lambda a, b: a <= b),
                             ('__gt__', lambda a, b: a > b),
                             ('__ge__', lambda a, b: a >= b)):
                if _set_new(cls, name, _make_cmp(name, op, cmp_fields)):
                    raise TypeError('Cannot overwrite attribute %s in class '
                                    '%s. Consider using functools.'
                                    'total_ordering'
                                    % (name, cls.__name__))
        if frozen:
            def __setattr__(self, name, value):
                if type(self) is cls or name in all_fields:
                    raise FrozenInstanceError('cannot assign to field %r'
                                              % name)
                super(cls, self).__setattr__(name, value)

            def __delattr__(self, name):
                if type(self) is cls or name in all_fields:
                    raise FrozenInstanceError('cannot delete field %r'
                                              % name)
                super(cls, self).__delattr__(name)
            for name, fn in (('__setattr__', __setattr__),
                             ('__delattr__', __delattr__)):
                if _set_new(cls, name, fn):
                    raise TypeError('Cannot overwrite attribute %s in class '
                                    '%s' % (name, cls.__name__))
        hash_fields = [f for f in real
                       if (f.compare if f.hash is None else f.hash)]
        has_explicit_hash = ('__hash__' in cls.__dict__
                             and cls.__dict__['__hash__'] is not None)

        def __hash__(self):
            return hash(_tuple_of(self, hash_fields))
        if unsafe_hash:
            if has_explicit_hash:
                raise TypeError('Cannot overwrite attribute __hash__ in '
                                'class %s' % cls.__name__)
            cls.__hash__ = __hash__
        elif eq and frozen:
            if not has_explicit_hash:
                cls.__hash__ = __hash__
        elif eq and not has_explicit_hash:
            cls.__hash__ = None
        if match_args and '__match_args__' not in cls.__dict__:
            cls.__match_args__ = tuple(f.name for f in std_init(flds))
        if slots:
            cls = _add_slots(cls, flds)
        return cls

    def std_init(flds):
        return [f for f in flds if f.init and not f.kw_only
                and f._field_type is not _FIELD_CLASSVAR]

    def _add_slots(cls, flds):
        d = dict(cls.__dict__)
        names = tuple(f.name for f in flds if f._field_type is _FIELD)
        d['__slots__'] = names
        for n in names:
            d.pop(n, None)
        d.pop('__dict__', None)
        d.pop('__weakref__', None)
        qual = cls.__qualname__
        new = type(cls)(cls.__name__, cls.__bases__, d)
        new.__qualname__ = qual
        return new

    return _process_class
