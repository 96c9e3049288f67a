# The plankg API and CLI. Used by docker-compose.yml next to a Neo4j server; on its own it serves
# the embedded store in /home/plankg (set PLANKG_NEO4J_URI to use a server instead).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN useradd --create-home --uid 10001 plankg
WORKDIR /src
COPY pyproject.toml README.md ./
COPY plankg ./plankg
RUN pip install . && rm -rf /src

USER plankg
WORKDIR /home/plankg
ENV PLANKG_DB=/home/plankg/plankg.lbdb
EXPOSE 8000
CMD ["plankg", "serve", "--host", "0.0.0.0", "--port", "8000"]
