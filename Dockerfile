# One image for every FruktGo process; the command picks the role (run, worker, scheduler, migrate).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY requirements.lock ./
RUN pip install -r requirements.lock
COPY . .
RUN pip install --no-deps -e .
USER nobody
EXPOSE 8080
CMD ["fruktgo", "run"]
