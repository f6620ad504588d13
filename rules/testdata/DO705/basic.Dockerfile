FROM ruby:3.3-slim
# want: DO705
RUN gem install bundler
RUN gem install bundler:2.5.18 && gem install rails -v 7.2.1 && gem install --version=1.0 foo
RUN bundle install && gem install ./vendor/my.gem
# want: DO705
RUN gem install --no-document \
    # CLI tools
    rubocop nokogiri:1.16.7
# the build flags after -- are not gems
RUN gem install pg:1.5.9 -- --with-pg-config=/usr/bin/pg_config
RUN gem install mysql2 -v 0.5.6 -- --with-mysql-config=/usr/bin/mysql_config --with-ldflags=-L/usr/lib
# want: DO705
RUN gem install sqlite3 -- --enable-system-libraries
