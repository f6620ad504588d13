# the official python image (corpus: docker-library-python): CPython is compiled in place and
# the command is the bare interpreter; the image is a base for others
FROM buildpack-deps:bookworm
RUN set -eux; \
	wget -O python.tar.xz "https://www.python.org/ftp/python/3.12.4/Python-3.12.4.tar.xz"; \
	mkdir -p /usr/src/python; tar -xJC /usr/src/python --strip-components=1 -f python.tar.xz; \
	cd /usr/src/python; ./configure; make -j "$(nproc)"; make install
CMD ["python3"]
