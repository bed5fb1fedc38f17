# syntax=docker/dockerfile:1
# msdk-bot: Slack / WeCom bot explaining Tencent MSDK error codes.
# Configuration comes from the environment at run time (docker run -e / --env-file): no secret is
# baked into the image. Without SLACK_* or WECOM_* it is the console (docker run -it, or piped
# text); detached with neither settings nor input it exits 1 with one line on what to set.

# ---- build: dev dependencies and the TypeScript compiler ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run the build before the sources are copied in.
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
# The build validates the catalog (checkCatalog), so it needs data/ as well as the sources.
COPY data ./data
RUN npm run build

# ---- runtime: production dependencies, compiled JavaScript, the checked catalog ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# The catalog the build checked, not a second copy of the context's.
COPY --from=build /app/data ./data
# The files stay root-owned and read-only for the process.
USER node
EXPOSE 3000
# slim images have no curl: Node's own fetch. Shell form, so ${PORT:-3000} follows PORT.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:${PORT:-3000}/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
