"""Rate limiting as the API announces it: X-RateLimit-Limit (average per
minute), X-RateLimit-Burst and X-RateLimit-Remaining on every answer, 429 with
Retry-After when a credential has no request left."""

import math

UNLIMITED = 1000000


class RateLimiter:
    def __init__(self, settings):
        self.settings = settings
        self.buckets = {}  # credential -> (tokens, last time)

    def take(self, who, t):
        """Spend one request of ``who``; returns (allowed, headers)."""
        limit = self.settings.rate_limit
        if limit <= 0:
            return True, {"X-RateLimit-Limit": str(UNLIMITED), "X-RateLimit-Burst": str(UNLIMITED),
                          "X-RateLimit-Remaining": str(UNLIMITED)}
        burst = self.settings.effective_burst
        rate = limit / 60.0
        tokens, last = self.buckets.get(who, (float(burst), t))
        tokens = min(float(burst), tokens + (t - last) * rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self.buckets[who] = (tokens, t)
        headers = {"X-RateLimit-Limit": str(limit), "X-RateLimit-Burst": str(burst),
                   "X-RateLimit-Remaining": str(int(tokens))}
        if not allowed:
            headers["Retry-After"] = str(max(1, math.ceil((1.0 - tokens) / rate)))
        return allowed, headers
