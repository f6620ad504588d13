FROM python:3.12-slim
# a VCS requirement with no ref follows the default branch
# want: DO702
RUN pip install --no-cache-dir git+https://github.com/x/y#egg=y
# want: DO702
RUN pip install --no-cache-dir "y @ git+https://github.com/x/y.git"
RUN pip install --no-cache-dir git+https://github.com/x/y.git@v1.2#egg=y "z @ git+ssh://git@github.com/x/z.git@0a1b2c3"
# want: DO702
RUN pipx install black
RUN pipx install black==24.8.0 && pipx install git+https://github.com/x/tool.git@v2
# want: DO702
RUN uv tool install ruff
RUN uv tool install ruff==0.6.9
