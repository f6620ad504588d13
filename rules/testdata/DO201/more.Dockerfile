FROM node:20-slim
COPY ./ ./
# want: DO201
RUN yarn --frozen-lockfile
# npm install NAME installs package.json's dependencies too (npm 7+)
# want: DO201
RUN npm install express
RUN npm install --global serve
# want: DO201
RUN pip3 install -r /app/requirements.txt
FROM php:8.3-fpm
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
COPY . /var/www
ONBUILD RUN echo onbuild is not checked
# want: DO201
RUN composer install --no-dev
