# a language image whose command is the bare interpreter (the old official node image, corpus:
# binnacle-gold): the image built FROM it sets the user
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nodejs && rm -rf /var/lib/apt/lists/*
CMD ["node"]
