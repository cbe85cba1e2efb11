# treatyrules HTTP API and web page: one stateless replica per container.
#   docker build -t treatyrules .
#   docker run --rm -p 8000:8000 treatyrules
#   docker run --rm treatyrules which ES PE --measure expedited_preservation --offence electronic_evidence_any_offence --on 2025-03-01
# See docs/deploy.md for running several replicas behind a load balancer.

# -- build: the wheel, with the rule and data files embedded (pyproject: force-include) --------
FROM python:3.12-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY treatyrules ./treatyrules
COPY rules ./rules
COPY fixtures ./fixtures
RUN pip wheel --no-deps --wheel-dir /dist .

# -- run: the package with the api extra, as an unprivileged user ------------------------------
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
COPY --from=build /dist /tmp/dist
RUN set -eu; \
    wheel="$(ls /tmp/dist/treatyrules-*.whl)"; \
    pip install "${wheel}[api]"; \
    rm -rf /tmp/dist; \
    useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin treatyrules
USER treatyrules
WORKDIR /tmp
EXPOSE 8000
# liveness: /health is answered without touching the rules; see docs/deploy.md for readiness
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status == 200 else 1)"]
ENTRYPOINT ["treatyrules"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
