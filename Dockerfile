# syntax=docker/dockerfile:1
# One image for every Attune process: `attune coordinator`, `attune worker …`, `attune migrate`.
# Build: docker build -t attune:local .     Run: docker run --rm attune:local --help

# ---- build: install everything, compile TypeScript, then drop the dev dependencies
FROM node:20.19-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm 11 writes lock files without other platforms' optional packages, which some npm versions' `ci`
# refuses; `npm install` then installs the same locked versions (see .ci/run).
RUN npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error
COPY tsconfig.json tsconfig.build.json ./
COPY libs libs
COPY apps apps
# The http-service example is TypeScript too: its target runs from dist/examples.
COPY examples examples
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled code, production node_modules, the bin and the examples
FROM node:20.19-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
# Default targets for workers; docker-compose mounts ./examples over it so that you can edit them.
COPY examples ./examples
USER node
EXPOSE 3000
ENTRYPOINT ["node", "bin/attune.js"]
CMD ["--help"]
