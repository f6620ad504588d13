# want: DO109
FROM ruby:latest
CMD ["ruby", "app.rb"]
