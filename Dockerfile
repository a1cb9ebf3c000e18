# aixbot's image: `docker compose up` builds it (see docker-compose.yml and the README's
# "Bigger deployment"). Two stages: the builder makes the virtualenv, the final image gets only
# that virtualenv, the code, the knowledge and the migrations, and runs as a user who is not root.

FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# The code sits at /app here and in the final image: the editable install points the venv at
# /app, and the code finds alembic/ and knowledge/ next to itself.
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY offline ./offline
RUN pip install --no-cache-dir -e .

FROM python:3.11-slim
# A CJK font so charts asked for in Chinese are drawn in Chinese, not in English.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 aixbot \
    && useradd --system --uid 10001 --gid aixbot --create-home --home-dir /home/aixbot aixbot
# The metrics port (when METRICS_PORT is set) listens on every address of the container, not
# only its loopback, so Prometheus in another container can scrape it; publish it to expose it.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    METRICS_HOST=0.0.0.0
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY bot ./bot
COPY cogs ./cogs
COPY offline ./offline
COPY alembic ./alembic
COPY knowledge ./knowledge
# Compiled once here: the user below may not write to /app. data/ holds the SQLite file when
# no DATABASE_URL is given (docker run without compose; mount a volume there to keep it).
RUN python -m compileall -q bot cogs offline alembic \
    && mkdir /app/data && chown aixbot:aixbot /app/data
USER aixbot
# matplotlib scans the fonts once per user and keeps the list; do it here, not at every start.
RUN python -c "import matplotlib.font_manager"
HEALTHCHECK --interval=30s --timeout=15s --start-period=60s --retries=3 CMD ["aixbot", "health"]
CMD ["aixbot", "run"]
