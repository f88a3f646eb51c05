"""The catalogue cache, under the enrich stage's name: it lives in citeres/cache.py, outside
this package, so that `citeres cache stats` opens it without loading the catalogue clients
(httpx) that citeres/enrich/__init__.py imports."""

from citeres.cache import CacheStats as CacheStats
from citeres.cache import ResponseCache as ResponseCache
from citeres.cache import Stored as Stored
from citeres.cache import decode as decode
from citeres.cache import encode as encode
from citeres.cache import is_empty_answer as is_empty_answer
from citeres.cache import request_key as request_key
