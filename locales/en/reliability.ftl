# Reliability: per-user rate limit.

reliability-rate-limited = You are sending faster than I can keep up. Please wait about { $seconds } seconds and send it again.
