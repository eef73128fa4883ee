"""``/images/``: the picture library; uploads go through ``articles.services.save_image``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from masthead.api.pagination import CreatedNewestFirst
from masthead.api.permissions import ModelPermissionToRead
from masthead.api.resources.base import Resource
from masthead.articles import services
from masthead.articles.models import Image
from masthead.articles.models.media import PictureFormField
from masthead.core import imaging


class ImageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The original file.")
    srcset = serializers.SerializerMethodField(help_text="Every rendition, for `<img srcset>`.")

    class Meta:
        model = Image
        fields = [
            "id", "url", "width", "height", "alt_text", "caption", "credit", "srcset",
            "renditions_state",
        ]  # fmt: skip

    def get_url(self, image: Image) -> str:
        return self.context["request"].build_absolute_uri(image.file.url)

    def get_srcset(self, image: Image) -> str:
        return image.srcset


class ImageUpload(serializers.Serializer):
    """A picture file (JPEG, PNG, GIF or WebP) and its words.

    The file is judged by its header before any pixel is decoded: its size, format, that
    it is whole, and the memory decoding it would take (docs/security.md, "Images").
    """

    file = serializers.ImageField(_DjangoImageField=PictureFormField)
    alt_text = serializers.CharField(max_length=300)
    caption = serializers.CharField(max_length=500, required=False, allow_blank=True)
    credit = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ImageViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, Resource):
    """The library, newest first: reading needs ``view_image``, uploading ``add_image``."""

    serializer_class = ImageSerializer
    pagination_class = CreatedNewestFirst
    permission_classes = [ModelPermissionToRead]
    parser_classes = [MultiPartParser, FormParser]
    queryset = Image.objects.all()

    @extend_schema(request={"multipart/form-data": ImageUpload}, responses={201: ImageSerializer})
    def create(self, request: Request) -> Response:
        """Upload a picture; its renditions are made after the answer (``renditions_state``)."""
        upload = ImageUpload(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        try:
            image = services.save_image(
                file=data["file"],
                alt_text=data["alt_text"],
                caption=data.get("caption", ""),
                credit=data.get("credit", ""),
            )
        except imaging.NotAccepted as refused:  # judged by the field already; kept as a net
            raise serializers.ValidationError({"file": [refused.message]}) from None
        body = ImageSerializer(image, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)
