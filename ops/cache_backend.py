"""Django's Redis cache backend, with one Redis client per connection pool instead of one per operation.

Django's RedisCacheClient builds a new `redis.Redis` object (and copies its table of response callbacks) for every
get and set; a first-time search page makes some eighty cache operations, and building the clients cost ≈ 10 ms of
it. The client object is thread-safe and holds no connection itself (the pool does), so one per pool is enough.
"""
from django.core.cache.backends import redis as django_redis


class ReusingRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
